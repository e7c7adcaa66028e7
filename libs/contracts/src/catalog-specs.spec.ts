import { describe, expect, it } from 'vitest';
import { checkSpecifications, SPEC_SCHEMAS, specKeysOf } from './catalog-specs';
import { COMPONENT_TYPES } from './enums';

describe('SPEC_SCHEMAS', () => {
  it('describes every component type, with at least one required key and a label for every key', () => {
    expect(Object.keys(SPEC_SCHEMAS).sort()).toEqual([...COMPONENT_TYPES].sort());
    for (const type of COMPONENT_TYPES) {
      const keys = Object.entries(SPEC_SCHEMAS[type]);
      expect(keys.some(([, s]) => s.required), type).toBe(true);
      for (const [key, schema] of keys) expect(schema.label, `${type}.${key}`).not.toBe('');
    }
  });

  it('keeps the canonical key names the compatibility rules read', () => {
    expect(specKeysOf('cpu')).toEqual(expect.arrayContaining(['socket', 'cores', 'threads', 'base_clock_GHz', 'boost_clock_GHz', 'tdp_W', 'memory_types', 'memory_channels', 'max_memory_speed_MTs', 'pcie_lanes', 'pcie_generation']));
    expect(specKeysOf('motherboard')).toEqual(expect.arrayContaining(['memory_slots', 'pcie_slots', 'riser_slots', 'm2_slots', 'sata_ports', 'sas_ports', 'onboard_nics', 'ecc']));
    expect(specKeysOf('chassis')).toEqual(expect.arrayContaining(['bays', 'drive_bays', 'bay_form_factor', 'backplane', 'psu_watts', 'psu_redundant', 'motherboard_form_factors']));
  });
});

describe('checkSpecifications', () => {
  it('accepts a valid spec, canonicalises closed values and keeps vendor fields', () => {
    const { issues, specifications } = checkSpecifications('storage', { interface: ' nvme ', form_factor: 'u.2', capacity_GB: 3840, rpm: null, vendor: { x: 1 } });
    expect(issues).toEqual([]);
    expect(specifications).toEqual({ interface: 'NVMe', form_factor: 'U.2', capacity_GB: 3840, rpm: null, vendor: { x: 1 } });
  });

  it('names each offending key, nested ones by path', () => {
    const { issues } = checkSpecifications('motherboard', {
      socket: 'LGA 4677',
      cpu_sockets: 2.5,
      form_factor: 'EATX',
      memory_type: 'DDR5',
      pcie_slots: [{ size: 'x16', lanes: 16, count: 2, generation: null }, { size: 'x12', lanes: 12, count: 1 }],
      ecc: 'yes',
    });
    expect(issues).toEqual([
      { field: 'specifications.socket', reason: 'must be letters, digits and dashes, without spaces' },
      { field: 'specifications.cpu_sockets', reason: 'must be a whole number' },
      { field: 'specifications.memory_slots', reason: 'required' },
      { field: 'specifications.ecc', reason: 'must be true or false' },
      { field: 'specifications.pcie_slots.1.size', reason: 'must be one of x16, x8, x4, x1' },
    ]);
  });

  it('treats null as unknown for an optional key and as missing for a required one', () => {
    expect(checkSpecifications('caddy', { form_factor: '2.5"', bay_type: null }).issues).toEqual([]);
    expect(checkSpecifications('caddy', { form_factor: null }).issues).toEqual([{ field: 'specifications.form_factor', reason: 'required' }]);
  });
});
