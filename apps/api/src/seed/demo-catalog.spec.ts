import { checkSpecifications } from '@bdc/contracts';
import { describe, expect, it } from 'vitest';
import { DEMO_CATALOG } from './demo-catalog';

describe('demo catalog', () => {
  it.each(DEMO_CATALOG.map((m) => [`${m.brand} ${m.model}`, m] as const))('%s conforms to the typed spec schema of its type', (_name, model) => {
    const { issues, specifications } = checkSpecifications(model.componentType, model.specifications);
    expect(issues).toEqual([]);
    // Already canonical: validation on write would store it unchanged.
    expect(specifications).toEqual(model.specifications);
  });
});
