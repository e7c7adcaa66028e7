import { firstOf, nameParts, PCIE_CARD_TYPES, presentOf, type Build, type BuildPart } from './build';
import { rule, type RuleHit } from './rule';
import { laneWidth, pcieSlotGroups, specBoolean, specNumber, specText } from './spec-reader';

/** A NIC of kind "sfp" is a transceiver that sits in a NIC's port, not in a PCIe slot. */
export function isSfp(part: BuildPart): boolean {
  return part.componentType === 'nic' && specText(part.specs, 'kind') === 'sfp';
}

/** Cards that take a PCIe slot. */
export function pcieCards(build: Build): BuildPart[] {
  return presentOf(build, ...PCIE_CARD_TYPES).filter((c) => !isSfp(c));
}

/** Ports of each kind ("sfp28") on the NIC cards and the board's onboard NICs. */
export function nicPorts(build: Build): Map<string, number> {
  const ports = new Map<string, number>();
  const add = (kind: string | null, count: number | null) => {
    if (kind && count !== null && count > 0) ports.set(kind, (ports.get(kind) ?? 0) + count);
  };
  for (const nic of presentOf(build, 'nic').filter((n) => !isSfp(n))) {
    add(specText(nic.specs, 'port_type') ?? specText(nic.specs, 'connector'), specNumber(nic.specs, 'ports'));
  }
  const board = firstOf(build, 'motherboard');
  const onboard = board?.specs['onboard_nics'];
  if (Array.isArray(onboard)) {
    for (const entry of onboard) {
      if (typeof entry === 'object' && entry !== null) add(specText(entry as Record<string, unknown>, 'port_type'), specNumber(entry as Record<string, unknown>, 'ports'));
    }
  }
  return ports;
}

/** Which port kind an SFP module needs: its `port_type`, else its `form_factor` ("SFP28"). */
export function sfpPortKind(sfp: BuildPart): string | null {
  return specText(sfp.specs, 'port_type') ?? specText(sfp.specs, 'form_factor');
}

const pcieSlots = rule({
  code: 'pcie_slots',
  severity: 'error',
  scope: 'build',
  title: 'PCIe slots',
  description: 'No more PCIe cards (NICs, HBAs, other cards) than the motherboard has PCIe slots.',
  check(build) {
    const board = firstOf(build, 'motherboard');
    const cards = pcieCards(build);
    if (!board || cards.length === 0) return [];
    const slots = pcieSlotGroups(board.specs).reduce((sum, g) => sum + g.count, 0);
    if (cards.length <= slots) return [];
    return [{ message: `${cards.length} PCIe cards but ${board.name} has ${slots} PCIe slot(s)`, parts: cards }];
  },
});

const pcieLanes = rule({
  code: 'pcie_lanes',
  severity: 'error',
  scope: 'build',
  title: 'PCIe lanes',
  description: 'The PCIe cards together must not need more lanes than the motherboard provides to its slots.',
  check(build) {
    const board = firstOf(build, 'motherboard');
    const cards = pcieCards(build);
    if (!board || cards.length === 0) return [];
    const declared = specNumber(board.specs, 'pcie_lanes');
    const groups = pcieSlotGroups(board.specs);
    // Derived only from a real slot list: a bare slot count says nothing about lanes.
    const lanes = declared ?? (Array.isArray(board.specs['pcie_slots']) ? groups.reduce((sum, g) => sum + g.lanes * g.count, 0) : null);
    const used = cards.reduce((sum, c) => sum + (specNumber(c.specs, 'pcie_lanes') ?? laneWidth(c.specs['slot_size']) ?? 0), 0);
    if (lanes === null || used <= lanes) return [];
    return [{ message: `The PCIe cards need ${used} lanes but ${board.name} provides ${lanes}`, parts: cards }];
  },
});

const pcieGeneration = rule({
  code: 'pcie_generation',
  severity: 'warning',
  scope: 'part',
  title: 'PCIe generation',
  description: "A card of a newer PCIe generation than the motherboard's slots works, but runs at the slots' slower speed.",
  check(build) {
    const board = firstOf(build, 'motherboard');
    if (!board) return [];
    const generations = pcieSlotGroups(board.specs).map((g) => g.generation).filter((g): g is number => g !== null);
    const best = specNumber(board.specs, 'pcie_generation') ?? (generations.length > 0 ? Math.max(...generations) : null);
    if (best === null) return [];
    return pcieCards(build).flatMap((card): RuleHit[] => {
      const generation = specNumber(card.specs, 'pcie_generation');
      if (generation === null || generation <= best) return [];
      return [{ message: `${card.name} is PCIe Gen ${generation} and ${board.name}'s slots are Gen ${best}: it will run slower`, parts: [card, board] }];
    });
  },
});

const riser = rule({
  code: 'riser',
  severity: 'error',
  scope: 'part',
  title: 'Riser needed',
  description: 'A card that needs a riser can only go into a server with a riser slot.',
  check(build) {
    const needing = pcieCards(build).filter((c) => specBoolean(c.specs, 'requires_riser') === true);
    const board = firstOf(build, 'motherboard');
    if (!board || needing.length === 0) return [];
    const chassis = firstOf(build, 'chassis');
    const boardRisers = specNumber(board.specs, 'riser_slots');
    const chassisRisers = chassis ? specNumber(chassis.specs, 'riser_slots') : null;
    const groups = pcieSlotGroups(board.specs);
    const slotRisers = groups.filter((g) => g.riser).reduce((sum, g) => sum + g.count, 0);
    // Unknown when nothing says how many risers there are: not judged.
    if (boardRisers === null && chassisRisers === null && !Array.isArray(board.specs['pcie_slots'])) return [];
    const risers = (boardRisers ?? 0) + (chassisRisers ?? 0) + slotRisers;
    if (needing.length <= risers) return [];
    return [{ message: `${nameParts(needing)} need${needing.length === 1 ? 's' : ''} a riser, and the server has ${risers} riser slot(s)`, parts: needing }];
  },
});

const sfpPort = rule({
  code: 'sfp_port',
  severity: 'error',
  scope: 'part',
  title: 'SFP modules need a port',
  description: 'Each SFP/QSFP module needs a free port of its kind on a NIC of the server.',
  check(build) {
    const sfps = presentOf(build, 'nic').filter(isSfp);
    if (sfps.length === 0) return [];
    const ports = nicPorts(build);
    const byKind = new Map<string, BuildPart[]>();
    for (const sfp of sfps) {
      const kind = sfpPortKind(sfp);
      if (kind) byKind.set(kind, [...(byKind.get(kind) ?? []), sfp]);
    }
    const hits: RuleHit[] = [];
    for (const [kind, modules] of byKind) {
      const free = ports.get(kind) ?? 0;
      if (modules.length <= free) continue;
      // The modules beyond the free ports, added ones first: those are what the change cannot place.
      const excess = [...modules].sort((a, b) => Number(b.state === 'added') - Number(a.state === 'added')).slice(0, modules.length - free);
      hits.push({ message: `${modules.length} ${kind.toUpperCase()} module(s) but the server's NICs have ${free} ${kind.toUpperCase()} port(s)`, parts: excess });
    }
    return hits;
  },
});

export const PCIE_RULES = [pcieSlots, pcieLanes, pcieGeneration, riser, sfpPort];
