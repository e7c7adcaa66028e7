import {
  CHASSIS_FORM_FACTORS,
  LIMITS,
  RAM_MODULE_TYPES,
  SPEC_SCHEMAS,
  checkSpecifications,
  hasControlCharacters,
  textLength,
  type ChassisBayGroup,
  type ComponentType,
  type OnboardNic,
  type PcieSlotGroup,
} from '@bdc/contracts';
import { catalogSpecificationsProblem } from '../catalog.dto';
import { uuidOf, type FoundModel } from './reader';
import {
  at,
  booleanIn,
  driveSizeIn,
  fastestGbps,
  first,
  gbpsIn,
  gigabytesIn,
  integerIn,
  isRecord,
  memoryTypeIn,
  numberIn,
  pcieIn,
  slotSizeFor,
  slotSizeIn,
  socketIn,
  textIn,
  type Raw,
} from './units';

/** A model ready to upsert: identity, where BDC IMS filed it, and its typed specs beside the vendor's fields. */
export interface MappedModel {
  componentType: ComponentType;
  uuid: string;
  brand: string;
  model: string;
  series: string | null;
  family: string | null;
  specifications: Record<string, unknown>;
}

export type MapResult = { ok: true; model: MappedModel } | { ok: false; reason: string; uuid: string | null; model: string | null };

type Canonical = Record<string, unknown>;
/** A mapper returns the canonical keys it could read, or a reason to skip the model. */
type Mapper = (record: Raw) => Canonical | string;

const IDENTITY_KEYS = new Set(['uuid', 'model', 'brand', 'series', 'family']);

/**
 * Maps one found model onto the typed specs of its type. Pure: the same record always gives the
 * same result, which is what makes a second import change nothing.
 */
export function mapModel(found: FoundModel): MapResult {
  const { record, context, componentType } = found;
  const uuid = uuidOf(record);
  const name = modelName(found);
  const skip = (reason: string): MapResult => ({ ok: false, reason, uuid, model: name });
  if (uuid === null) return skip('no UUID');
  if (textLength(uuid) > LIMITS.catalogUuidMax || hasControlCharacters(uuid, 'single-line') || /\s/.test(uuid)) return skip(`unusable UUID "${uuid.slice(0, 60)}"`);
  // BDC IMS files no brand on caddies: they are generic parts.
  const brand = textIn(record['brand']) ?? context.brand ?? (componentType === 'caddy' ? 'Generic' : null);
  if (brand === null) return skip('no brand');
  if (name === null) return skip('no model name');

  const canonical = MAPPERS[componentType](record);
  if (typeof canonical === 'string') return skip(canonical);
  const specifications = withVendorFields(componentType, canonical, record);
  const { issues, specifications: checked } = checkSpecifications(componentType, specifications);
  if (issues.length > 0) return skip(issues.map((i) => `${i.field.replace(/^specifications\./, '')}: ${i.reason}`).join('; '));
  const tooBig = catalogSpecificationsProblem(checked);
  if (tooBig) return skip(`specifications ${tooBig}`);
  return {
    ok: true,
    model: {
      componentType,
      uuid,
      brand: clip(brand, LIMITS.brandMax),
      model: clip(name, LIMITS.catalogModelMax),
      series: nullableClip(textIn(record['series']) ?? context.series),
      family: nullableClip(textIn(record['family']) ?? context.family ?? context.generation),
      specifications: checked,
    },
  };
}

const clip = (text: string, max: number): string => [...text].slice(0, max).join('');
const nullableClip = (text: string | null): string | null => (text === null ? null : clip(text, LIMITS.catalogModelMax));

/** RAM and drives carry no model name in BDC IMS: one is made of what identifies them. */
function modelName({ record, context, componentType }: FoundModel): string | null {
  const given = textIn(record['model']) ?? textIn(record['name']);
  if (given) return given;
  const parts = (...values: unknown[]) => values.map(textIn).filter((v): v is string => v !== null).join(' ');
  if (componentType === 'ram') {
    const capacity = numberIn(record['capacity_GB']);
    const speed = numberIn(first(record, 'speed_MTs', 'frequency_MHz'));
    const made = parts(context.series, record['memory_type'], record['module_type'], capacity !== null ? `${capacity}GB` : null, speed !== null ? `${speed}` : null);
    return made === '' ? null : made;
  }
  if (componentType === 'storage') {
    const capacity = numberIn(record['capacity_GB']);
    const size = capacity === null ? null : capacity >= 1000 ? `${capacity / 1000}TB` : `${capacity}GB`;
    const made = parts(context.series, record['subtype'] ?? record['storage_type'], size);
    return made === '' ? null : made;
  }
  return null;
}

/**
 * Canonical keys first, then the vendor's fields under their own names. A vendor field whose name is
 * a canonical key but whose value differs ("socket": {"type": "LGA 4189", "count": 2}) is kept under
 * `vendor_original`, so nothing the vendor wrote is lost.
 */
function withVendorFields(type: ComponentType, canonical: Canonical, record: Raw): Record<string, unknown> {
  const keys = new Set(Object.keys(SPEC_SCHEMAS[type]));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(canonical)) if (value !== null && value !== undefined) out[key] = value;
  const original: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (IDENTITY_KEYS.has(key.toLowerCase())) continue;
    if (keys.has(key)) {
      if (JSON.stringify(value) !== JSON.stringify(out[key])) original[key] = value;
      continue;
    }
    out[key] = value;
  }
  if (Object.keys(original).length > 0) out['vendor_original'] = original;
  return out;
}

// ---- per type -----------------------------------------------------------------------------------

const sum = (values: (number | null)[]): number | null => {
  const known = values.filter((v): v is number => v !== null);
  return known.length > 0 ? known.reduce((a, b) => a + b, 0) : null;
};
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);
const unique = <T>(values: T[]): T[] => [...new Set(values)];

/** The socket, or why the model cannot be used: a rule cannot match a CPU to a board without it. */
function socketOr(value: unknown): string | { skip: string } {
  const socket = socketIn(value);
  if (socket) return socket;
  return { skip: value === undefined || value === null ? 'no socket' : `unknown socket "${String(typeof value === 'object' ? JSON.stringify(value) : value).slice(0, 40)}"` };
}

function mapCpu(r: Raw): Canonical | string {
  const socket = socketOr(first(r, 'socket', 'socket_type', 'socket.type'));
  if (typeof socket !== 'string') return socket.skip;
  const memories = list(first(r, 'memory_types', 'memory_type', 'memory_support.type', 'memory.type'))
    .map(memoryTypeIn)
    .filter((m): m is { type: string; speed: number | null } => m !== null);
  const speeds = memories.map((m) => m.speed).filter((s): s is number => s !== null);
  return {
    socket,
    cores: integerIn(first(r, 'cores', 'core_count')),
    threads: integerIn(first(r, 'threads', 'thread_count')),
    base_clock_GHz: numberIn(first(r, 'base_clock_GHz', 'base_frequency_GHz', 'base_frequency')),
    boost_clock_GHz: numberIn(first(r, 'boost_clock_GHz', 'max_frequency_GHz', 'max_turbo_GHz', 'boost_frequency')),
    tdp_W: numberIn(first(r, 'tdp_W', 'tdp', 'tdp_watts')),
    memory_types: memories.length > 0 ? unique(memories.map((m) => m.type)) : null,
    memory_channels: integerIn(first(r, 'memory_channels', 'memory_support.max_channels')),
    max_memory_speed_MTs: speeds.length > 0 ? Math.max(...speeds) : integerIn(first(r, 'max_memory_speed_MTs', 'memory_support.max_frequency')),
    pcie_lanes: integerIn(first(r, 'pcie_lanes')),
    pcie_generation: integerIn(first(r, 'pcie_generation')),
  };
}

/** Board form factors as chassis list them; a vendor's own ("2U Rack", "Proprietary 1U") is Proprietary. */
function boardFormFactor(value: unknown): string | null {
  const text = textIn(value);
  if (!text) return null;
  const compact = text.toUpperCase().replace(/[\s-]/g, '');
  const known: [RegExp, string][] = [
    [/^(SSI)?EEB$/, 'EEB'],
    [/^(SSI)?CEB$/, 'CEB'],
    [/^EATX$|^EXTENDEDATX$/, 'EATX'],
    [/^(MICROATX|MATX|UATX)$/, 'mATX'],
    [/^MINIITX$/, 'Mini-ITX'],
    [/^ATX$/, 'ATX'],
  ];
  for (const [pattern, name] of known) if (pattern.test(compact)) return name;
  return 'Proprietary';
}

function mapMotherboard(r: Raw): Canonical | string {
  const socket = socketOr(first(r, 'socket.type', 'socket_type', 'socket'));
  if (typeof socket !== 'string') return socket.skip;
  const memory = isRecord(r['memory']) ? r['memory'] : {};
  const capacityTb = first(memory, 'max_capacity_TB');
  const pcieSlots: PcieSlotGroup[] = [];
  for (const slot of list(first(r, 'expansion_slots.pcie_slots', 'pcie_slots'))) {
    if (!isRecord(slot)) continue;
    const pcie = pcieIn(slot['type']);
    const lanes = integerIn(slot['lanes']) ?? pcie?.lanes ?? null;
    const size = slotSizeIn(slot['type']) ?? slotSizeFor(lanes);
    const count = integerIn(slot['count']) ?? 1;
    if (size === null || lanes === null) continue;
    pcieSlots.push({ size, lanes, generation: integerIn(slot['generation']) ?? pcie?.generation ?? null, count });
  }
  const risers = first(r, 'expansion_slots.riser_slots', 'riser_slots');
  const m2 = first(r, 'storage.nvme.m2_slots', 'storage.m2_slots', 'm2_slots');
  const nics: OnboardNic[] = [];
  for (const nic of list(first(r, 'networking.onboard_nics', 'onboard_nics'))) {
    if (!isRecord(nic)) continue;
    const ports = integerIn(nic['ports']);
    const speed = gbpsIn(first(nic, 'speed_Gbps', 'speed'));
    const portType = textIn(first(nic, 'port_type', 'connector'));
    if (ports !== null && speed !== null && portType !== null) nics.push({ ports, speed_Gbps: speed, port_type: portType });
  }
  const moduleTypes = list(first(memory, 'module_types', 'form_factors'))
    .map((m) => RAM_MODULE_TYPES.find((t) => typeof m === 'string' && t.toLowerCase() === m.trim().toLowerCase()))
    .filter((m): m is (typeof RAM_MODULE_TYPES)[number] => m !== undefined);
  return {
    socket,
    cpu_sockets: integerIn(first(r, 'socket.count', 'socket_count', 'cpu_sockets')),
    form_factor: boardFormFactor(r['form_factor']),
    memory_type: memoryTypeIn(first(memory, 'type') ?? r['memory_type'])?.type ?? null,
    memory_form_factors: moduleTypes.length > 0 ? unique(moduleTypes) : null,
    memory_slots: integerIn(first(memory, 'slots') ?? r['memory_slots']),
    memory_channels: integerIn(first(memory, 'channels')),
    max_memory_GB: capacityTb !== undefined ? gigabytesIn(capacityTb, 'TB', 1024) : gigabytesIn(first(memory, 'max_capacity_GB', 'max_capacity') ?? r['max_memory_GB'], 'GB', 1024),
    max_memory_speed_MTs: integerIn(first(memory, 'max_frequency_MHz', 'max_speed_MTs', 'max_frequency')),
    ecc: booleanIn(first(memory, 'ecc_support', 'ecc')),
    pcie_slots: pcieSlots.length > 0 ? pcieSlots : null,
    riser_slots: Array.isArray(risers) ? sum(risers.map((x) => (isRecord(x) ? integerIn(x['count']) : null))) : integerIn(risers),
    m2_slots: Array.isArray(m2) ? sum(m2.map((x) => (isRecord(x) ? integerIn(x['count']) : null))) : integerIn(m2),
    sata_ports: integerIn(first(r, 'storage.sata.ports', 'storage.sata_ports', 'sata_ports')),
    sas_ports: integerIn(first(r, 'storage.sas.ports', 'storage.sas_ports', 'sas_ports')),
    onboard_nics: nics.length > 0 ? nics : null,
  };
}

function mapRam(r: Raw): Canonical | string {
  const memory = memoryTypeIn(first(r, 'memory_type', 'type'));
  const moduleText = textIn(first(r, 'module_type', 'dimm_type', 'DIMM'));
  const moduleType = RAM_MODULE_TYPES.find((t) => moduleText !== null && t.toLowerCase() === moduleText.toLowerCase()) ?? null;
  if (moduleText !== null && moduleType === null) return `unknown module type "${moduleText.slice(0, 40)}"`;
  return {
    memory_type: memory?.type ?? null,
    module_type: moduleType,
    capacity_GB: numberIn(first(r, 'capacity_GB', 'size', 'capacity')),
    speed_MTs: integerIn(first(r, 'speed_MTs', 'frequency_MHz', 'speed')) ?? memory?.speed ?? null,
    ecc: booleanIn(first(r, 'ecc', 'features.ecc_support', 'ECC')),
    // Registered (buffered) modules: RDIMMs and LRDIMMs; UDIMMs and SODIMMs are not.
    registered: booleanIn(r['registered']) ?? (moduleType === null ? null : moduleType === 'RDIMM' || moduleType === 'LRDIMM'),
    power_W: numberIn(first(r, 'power_W', 'power')),
  };
}

function mapStorage(r: Raw): Canonical | string {
  const described = [first(r, 'interface'), first(r, 'subtype'), first(r, 'storage_type')].map((v) => textIn(v) ?? '').join(' ');
  const iface = /nvme|pcie/i.test(described) ? 'NVMe' : /\bsas\b/i.test(described) ? 'SAS' : /sata/i.test(described) ? 'SATA' : null;
  if (iface === null) return `unknown interface "${described.trim().slice(0, 40)}"`;
  const sizeText = [first(r, 'subtype'), first(r, 'form_factor')].map((v) => textIn(v) ?? '').join(' ');
  // U.3 drives use the U.2 connector and bays.
  const formFactor = /\bU\.?[23]\b/i.test(sizeText) ? 'U.2' : /\bM\.?2\b/i.test(sizeText) ? 'M.2' : driveSizeIn(first(r, 'form_factor'));
  if (formFactor === null) return `unknown form factor "${(textIn(r['form_factor']) ?? '').slice(0, 40)}"`;
  return {
    interface: iface,
    form_factor: formFactor,
    capacity_GB: gigabytesIn(first(r, 'capacity_GB', 'capacity')),
    power_W: numberIn(first(r, 'power_W', 'power_consumption_W.active', 'power_consumption_W.max', 'power_consumption.active_W', 'power')),
  };
}

function mapNic(r: Raw): Canonical | string {
  const pcie = pcieIn(first(r, 'interface', 'pcie_interface'));
  const described = [r['model'], r['type'], r['category'], r['form_factor']].map((v) => textIn(v) ?? '').join(' ');
  const speeds = first(r, 'speeds', 'speed', 'speed_Gbps');
  const features = list(r['features']).map((f) => textIn(f) ?? '').join(' ');
  const speedText = list(speeds).map((s) => textIn(s) ?? '').join(' ');
  return {
    kind: /transceiver|\bsfp\s*module|optic/i.test(described) ? 'sfp' : 'card',
    slot_size: slotSizeFor(pcie?.lanes ?? null),
    pcie_lanes: pcie?.lanes ?? null,
    pcie_generation: pcie?.generation ?? null,
    ports: integerIn(first(r, 'ports', 'port_count')),
    port_type: textIn(first(r, 'port_type', 'connector')),
    speed_Gbps: fastestGbps(speeds),
    protocol: /infiniband|\b[HNE]DR\b/i.test(`${speedText} ${features} ${described}`) ? 'InfiniBand' : /gbe|ethernet/i.test(speedText) ? 'Ethernet' : null,
    power_W: numberIn(first(r, 'power_W', 'power', 'power_consumption.max_W', 'power_consumption.typical_W')),
  };
}

function cardPcie(r: Raw): { slot_size: string | null; pcie_lanes: number | null; pcie_generation: number | null } {
  const pcie = pcieIn(first(r, 'interface', 'pcie_interface'));
  const required = first(r, 'slot_compatibility.required_slot', 'slot_compatibility.motherboard_connection', 'slot_size');
  return {
    slot_size: slotSizeIn(required) ?? slotSizeFor(pcie?.lanes ?? null) ?? slotSizeIn(r['slot_type']),
    pcie_lanes: pcie?.lanes ?? null,
    pcie_generation: pcie?.generation ?? null,
  };
}

const cardPower = (r: Raw): number | null => numberIn(first(r, 'power_W', 'power_consumption.max_W', 'power_consumption.typical_W', 'power'));

function mapPcieCard(r: Raw): Canonical | string {
  return { ...cardPcie(r), power_W: cardPower(r), m2_slots: integerIn(r['m2_slots']) };
}

function mapHba(r: Raw): Canonical | string {
  const text = textIn(first(r, 'protocol', 'interface_protocol')) ?? '';
  const protocol = /tri-?mode/i.test(text) || (/sas/i.test(text) && /nvme/i.test(text)) ? 'tri-mode' : /sas/i.test(text) ? 'SAS' : /sata/i.test(text) ? 'SATA' : /nvme/i.test(text) ? 'NVMe' : null;
  if (protocol === null) return text === '' ? 'no protocol' : `unknown protocol "${text.slice(0, 40)}"`;
  return {
    ...cardPcie(r),
    protocol,
    internal_ports: integerIn(r['internal_ports']),
    external_ports: integerIn(r['external_ports']),
    power_W: cardPower(r),
  };
}

function mapChassis(r: Raw): Canonical | string {
  const formText = textIn(r['form_factor']) ?? '';
  const units = integerIn(r['u_size']);
  const formFactor =
    CHASSIS_FORM_FACTORS.find((f) => f.toLowerCase() === formText.toLowerCase().replace(/\s/g, '')) ?? (/tower/i.test(formText) ? 'Tower' : units ? `${units}U` : null);
  const backplane = isRecord(r['backplane']) ? r['backplane'] : {};
  const supports = { SAS: booleanIn(backplane['supports_sas']), SATA: booleanIn(backplane['supports_sata']), NVMe: booleanIn(backplane['supports_nvme']) };
  const protocols = (Object.keys(supports) as (keyof typeof supports)[]).filter((p) => supports[p] === true);
  const bayType: ChassisBayGroup['type'] | null =
    supports.NVMe && (supports.SAS || supports.SATA) ? 'tri-mode' : supports.SAS ? 'SAS/SATA' : supports.SATA ? 'SATA' : supports.NVMe ? 'NVMe' : null;
  const bays: ChassisBayGroup[] = [];
  for (const group of list(first(r, 'drive_bays.bay_configuration', 'bays'))) {
    if (!isRecord(group)) continue;
    const size = driveSizeIn(first(group, 'bay_type', 'size'));
    const count = integerIn(group['count']);
    if (size && count && bayType) bays.push({ size, type: bayType, count });
  }
  const bySize = new Map<string, number>();
  for (const b of bays) bySize.set(b.size, (bySize.get(b.size) ?? 0) + b.count);
  const predominant = [...bySize].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const drives = first(r, 'drive_bays.total_bays', 'drive_bays');
  return {
    form_factor: formFactor,
    bays: bays.length > 0 ? bays : null,
    drive_bays: integerIn(drives) ?? sum(bays.map((b) => b.count)),
    bay_form_factor: predominant,
    backplane: protocols.length > 0 ? protocols : null,
    psu_watts: numberIn(first(r, 'power_supply.wattage', 'psu_watts')),
    psu_count: integerIn(first(r, 'power_supply.count', 'psu_count')),
    psu_redundant: booleanIn(first(r, 'power_supply.redundant', 'psu_redundant')),
    motherboard_form_factors: (() => {
      const boards = list(first(r, 'motherboard_form_factors', 'motherboard_compatibility.form_factors', 'supported_motherboards'))
        .map(boardFormFactor)
        .filter((f): f is string => f !== null);
      return boards.length > 0 ? unique(boards) : null;
    })(),
  };
}

function mapCaddy(r: Raw): Canonical | string {
  const size = driveSizeIn(first(r, 'compatibility.size', 'size', 'form_factor')) ?? driveSizeIn(r['type']) ?? driveSizeIn(r['model']);
  const drives = list(at(r, 'compatibility.drive_type')).map((d) => textIn(d) ?? '').join(' ');
  const iface = textIn(first(r, 'compatibility.interface', 'interface')) ?? '';
  const described = `${textIn(r['type']) ?? ''} ${textIn(r['model']) ?? ''}`;
  const bayType = /nvme/i.test(drives) ? 'NVMe' : /universal/i.test(described) ? 'universal' : /\bsas\b/i.test(iface) ? 'SAS' : /sata/i.test(iface) ? 'SATA' : null;
  return { form_factor: size, bay_type: bayType };
}

const MAPPERS: Record<ComponentType, Mapper> = {
  cpu: mapCpu,
  motherboard: mapMotherboard,
  ram: mapRam,
  storage: mapStorage,
  nic: mapNic,
  pciecard: mapPcieCard,
  hbacard: mapHba,
  chassis: mapChassis,
  caddy: mapCaddy,
};
