import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderCompatibilityDoc } from '../inventory/compatibility/rules-doc';

/** `pnpm docs:compatibility`: writes docs/compatibility.md from the rule table (dist/src/cli → the repo root). */
const target = process.argv[2] ?? resolve(__dirname, '../../../../../docs/compatibility.md');
writeFileSync(target, renderCompatibilityDoc());
console.log(`Wrote ${target}`);
