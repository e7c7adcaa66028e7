import { COMPONENT_TYPES } from '@bdc/contracts';
import { describe, expect, it } from 'vitest';
import { checkCompatibility, type ConfiguredComponent } from '../inventory/compatibility/compatibility.rules';
import { DEMO_CATALOG } from './demo-catalog';
import { DEMO_SERVERS, DEMO_SPARES, DEMO_USERS } from './demo-data';

const byUuid = new Map(DEMO_CATALOG.map((m) => [m.uuid, m]));

describe('demo data', () => {
  it('has several real models for every component type, with unique UUIDs', () => {
    expect(new Set(DEMO_CATALOG.map((m) => m.uuid)).size).toBe(DEMO_CATALOG.length);
    for (const type of COMPONENT_TYPES) {
      expect(DEMO_CATALOG.filter((m) => m.componentType === type).length, type).toBeGreaterThanOrEqual(3);
    }
    for (const model of DEMO_CATALOG) expect(model.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('only names catalog models', () => {
    const named = [...DEMO_SERVERS.flatMap((s) => s.components.map((c) => c.model)), ...DEMO_SPARES.map((l) => l.model)];
    expect(named.filter((uuid) => !byUuid.has(uuid))).toEqual([]);
  });

  it.each(DEMO_SERVERS.map((s) => [s.name, s] as const))('%s is a consistent configuration', (_name, server) => {
    const projected: ConfiguredComponent[] = server.components.map((c) => {
      const model = byUuid.get(c.model);
      if (!model) throw new Error(`unknown model ${c.model}`);
      return { componentType: model.componentType, uuid: model.uuid, specs: model.specifications };
    });
    const ctx = { projected, powerBudgetWatts: server.powerBudgetWatts, availableCaddies: {} };
    const issues = projected.flatMap((component) => checkCompatibility(component, ctx).issues);
    // Warnings are real advice here (the demo CPUs clock DDR5-4800 down to their 4400 MT/s); errors are not allowed.
    expect(issues.filter((i) => i.severity === 'invalid')).toEqual([]);
  });

  it('has the six demo logins with their roles', () => {
    expect(DEMO_USERS.map((u) => `${u.username}:${u.role}`)).toEqual([
      'admin:admin',
      'manager:manager',
      'manager2:manager',
      'tech:technician',
      'tech2:technician',
      'requester:viewer',
    ]);
  });
});
