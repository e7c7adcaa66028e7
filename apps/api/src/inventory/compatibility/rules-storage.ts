import { firstOf, nameParts, presentOf, type BaySize, type Build, type BuildPart } from './build';
import { rule, type RuleHit } from './rule';
import { baySizeOf, normaliseDriveFormFactor, specDisplay, specNumber, specText, specTextList, type Specs } from './spec-reader';

export function driveBaySize(part: BuildPart): BaySize | null {
  const ff = normaliseDriveFormFactor(part.specs['form_factor']);
  return ff ? baySizeOf(ff) : null;
}

const isM2 = (part: BuildPart) => normaliseDriveFormFactor(part.specs['form_factor']) === 'm.2';

/** Drives that sit in a chassis bay (2.5", 3.5", U.2), as opposed to M.2 sticks. */
export function bayDrives(build: Build): BuildPart[] {
  return presentOf(build, 'storage').filter((s) => driveBaySize(s) !== null);
}

function bayGroups(chassis: Specs): { size: BaySize | null; types: string[]; count: number }[] {
  const value = chassis['bays'];
  if (!Array.isArray(value)) return [];
  return value
    .filter((b): b is Specs => typeof b === 'object' && b !== null)
    .map((b) => {
      const ff = normaliseDriveFormFactor(b['size']);
      return { size: ff ? baySizeOf(ff) : null, types: (specText(b, 'type') ?? '').split('/').filter(Boolean), count: specNumber(b, 'count') ?? 0 };
    });
}

export function chassisBayCount(chassis: BuildPart): number {
  const total = specNumber(chassis.specs, 'drive_bays');
  if (total !== null) return total;
  return bayGroups(chassis.specs).reduce((sum, g) => sum + g.count, 0);
}

/** The interfaces the chassis's backplane connects ("sas", "sata", "nvme"); empty when unknown. */
function backplaneOf(chassis: BuildPart): Set<string> {
  const declared = specTextList(chassis.specs, 'backplane');
  const fromBays = bayGroups(chassis.specs).flatMap((g) => g.types);
  const all = new Set([...declared, ...fromBays]);
  if (all.has('tri-mode')) ['sas', 'sata', 'nvme'].forEach((t) => all.add(t));
  return all;
}

/** An HBA's protocol: `protocol`, or `interface` in older catalog data. */
function hbaProtocol(hba: BuildPart): string | null {
  return specText(hba.specs, 'protocol') ?? specText(hba.specs, 'interface');
}

export function drivesSas(part: BuildPart): boolean {
  return specText(part.specs, 'interface') === 'sas';
}

export function sasControllers(build: Build): BuildPart[] {
  return presentOf(build, 'hbacard').filter((h) => {
    const protocol = hbaProtocol(h);
    return protocol === 'sas' || protocol === 'tri-mode';
  });
}

export function boardHasSas(build: Build): boolean {
  const board = firstOf(build, 'motherboard');
  return board !== null && (specNumber(board.specs, 'sas_ports') ?? 0) > 0;
}

const driveBays = rule({
  code: 'drive_bays',
  severity: 'error',
  scope: 'build',
  title: 'Drive bays',
  description: 'No more 2.5"/3.5"/U.2 drives than the chassis has drive bays.',
  check(build) {
    const chassis = firstOf(build, 'chassis');
    if (!chassis) return [];
    const drives = bayDrives(build);
    const bays = chassisBayCount(chassis);
    if (drives.length <= bays) return [];
    return [{ message: `${drives.length} drives but ${chassis.name} has ${bays} drive bay(s)`, parts: drives }];
  },
});

const baySize = rule({
  code: 'bay_size',
  severity: 'error',
  scope: 'part',
  title: 'Drive size',
  description: 'A 3.5" drive needs a 3.5" bay; 2.5" drives fit either.',
  check(build) {
    const chassis = firstOf(build, 'chassis');
    if (!chassis) return [];
    const groups = bayGroups(chassis.specs);
    const legacy = normaliseDriveFormFactor(chassis.specs['bay_form_factor']);
    const sizes = new Set(groups.length > 0 ? groups.map((g) => g.size) : [legacy ? baySizeOf(legacy) : null]);
    if (sizes.has('3.5') || !sizes.has('2.5')) return [];
    return bayDrives(build)
      .filter((d) => driveBaySize(d) === '3.5')
      .map((d) => ({ message: `${d.name} is a 3.5" drive and ${chassis.name} has only 2.5" bays`, parts: [d, chassis] }));
  },
});

const caddy = rule({
  code: 'caddy',
  severity: 'warning',
  scope: 'build',
  title: 'Drive caddies',
  description: 'Each bay drive needs a caddy of its size, installed or in stock.',
  check(build) {
    if (!firstOf(build, 'chassis')) return [];
    const hits: RuleHit[] = [];
    for (const size of ['2.5', '3.5'] as const) {
      const drives = bayDrives(build).filter((d) => driveBaySize(d) === size);
      const caddies = presentOf(build, 'caddy').filter((c) => driveBaySize(c) === size).length;
      const missing = drives.length - caddies;
      if (missing > 0 && (build.availableCaddies[size] ?? 0) < missing) {
        hits.push({ message: `${missing} ${size}" drive(s) have no caddy, and not enough ${size}" caddies are in stock`, parts: drives });
      }
    }
    return hits;
  },
});

const m2Slots = rule({
  code: 'm2_slots',
  severity: 'error',
  scope: 'build',
  title: 'M.2 slots',
  description: "No more M.2 drives than the motherboard's M.2 slots plus those of M.2 carrier cards.",
  check(build) {
    const board = firstOf(build, 'motherboard');
    const sticks = presentOf(build, 'storage').filter(isM2);
    if (!board || sticks.length === 0) return [];
    const carriers = presentOf(build, 'pciecard').reduce((sum, c) => sum + (specNumber(c.specs, 'm2_slots') ?? 0), 0);
    const slots = (specNumber(board.specs, 'm2_slots') ?? 0) + carriers;
    if (sticks.length <= slots) return [];
    return [{ message: `${sticks.length} M.2 drives but the server has ${slots} M.2 slot(s)`, parts: sticks }];
  },
});

const sasController = rule({
  code: 'sas_controller',
  severity: 'error',
  scope: 'part',
  title: 'SAS drives need SAS',
  description: "A SAS drive needs a SAS (or tri-mode) HBA, the motherboard's SAS ports, or a SAS backplane.",
  check(build) {
    const drives = presentOf(build, 'storage').filter(drivesSas);
    if (drives.length === 0 || sasControllers(build).length > 0 || boardHasSas(build)) return [];
    const chassis = firstOf(build, 'chassis');
    const backplane = chassis ? backplaneOf(chassis) : new Set<string>();
    // An unknown backplane is not judged: a SAS backplane would connect the drives.
    if (!chassis || backplane.size === 0 || backplane.has('sas')) return [];
    return [{ message: `${nameParts(drives)} need a SAS controller: add a SAS HBA (the ${specDisplay(chassis.specs, 'backplane')} backplane of ${chassis.name} has no SAS)`, parts: drives }];
  },
});

const nvmeBackplane = rule({
  code: 'nvme_backplane',
  severity: 'error',
  scope: 'part',
  title: 'U.2 drives need NVMe bays',
  description: 'An NVMe U.2 drive needs a chassis whose backplane connects NVMe (or tri-mode) bays.',
  check(build) {
    const chassis = firstOf(build, 'chassis');
    if (!chassis) return [];
    const backplane = backplaneOf(chassis);
    if (backplane.size === 0 || backplane.has('nvme')) return [];
    const u2 = presentOf(build, 'storage').filter((s) => normaliseDriveFormFactor(s.specs['form_factor']) === 'u.2');
    return u2.map((d) => ({ message: `${d.name} is an NVMe U.2 drive and ${chassis.name} has no NVMe bays`, parts: [d, chassis] }));
  },
});

export const STORAGE_RULES = [driveBays, baySize, caddy, m2Slots, sasController, nvmeBackplane];
