import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPATIBILITY_RULE_TABLE } from './engine';
import { renderCompatibilityDoc } from './rules-doc';

describe('docs/compatibility.md', () => {
  it('is what the rule table generates (run `pnpm docs:compatibility` after changing a rule)', () => {
    const committed = readFileSync(resolve(__dirname, '../../../../../docs/compatibility.md'), 'utf8');
    expect(committed).toBe(renderCompatibilityDoc());
  });

  it('lists every rule by code', () => {
    const doc = renderCompatibilityDoc();
    for (const rule of COMPATIBILITY_RULE_TABLE) expect(doc).toContain(`| \`${rule.code}\` | ${rule.severity} |`);
  });
});
