import { COMPATIBILITY_RULE_TABLE } from './engine';
import { ITEM_CHECKS } from './item-checks';
import { POWER_WARNING_RATIO } from './rules-build';

const cell = (text: string) => text.replace(/\|/g, '\\|');

/**
 * docs/compatibility.md, generated from the rule table (`pnpm docs:compatibility`); a test fails when
 * the committed file differs, so the documentation cannot drift from the rules.
 */
export function renderCompatibilityDoc(): string {
  const rules = COMPATIBILITY_RULE_TABLE.map((r) => `| \`${r.code}\` | ${r.severity} | ${r.scope} | ${cell(r.title)} | ${cell(r.description)} |`);
  const items = ITEM_CHECKS.map((c) => `| \`${c.code}\` | error | ${cell(c.description)} |`);
  return [
    '# Compatibility rules',
    '',
    '<!-- Generated from apps/api/src/inventory/compatibility (the rule table) by `pnpm docs:compatibility`. Do not edit: a test compares this file with the table. -->',
    '',
    'Every ticket (at create, edit, submit and approve, and in the `validate-items` dry run), every build-aware picker',
    "(`POST /api/servers/:uuid/candidates`) and every ticket page until deployment evaluates these rules on the **projected",
    'build**: the server as it would be after the whole change, installed − removed + added. A CPU and a motherboard added by',
    'the same ticket are judged against each other; a removal is judged by what it leaves behind.',
    '',
    '- **error** blocks the ticket (422 `ITEMS_INVALID`; nothing is saved); **warning** informs.',
    '- **part** findings are about particular parts and appear on the ticket items that add or remove them',
    '  (`items[].rules`, `details.items[].rule`); **build** findings (power, slot counts) appear once, in `build`',
    '  (`details.build` of a 422), naming the items they concern.',
    '- A server that already breaks a rule does not block changes that do not touch it: an error that also fails before',
    '  the change, and concerns no part the change adds or removes, is reported as a warning "(already so before this change)".',
    '- Specs are read tolerantly (numbers in strings, any case, `pcie_slots` as a plain count meaning that many x16 slots).',
    '  A rule whose spec is unknown (no backplane, no supported DIMM types) does not guess: it says nothing, and `unchecked`',
    '  flags parts that have nothing to be compared against.',
    `- Power: a draw above ${Math.round(POWER_WARNING_RATIO * 100)}% of the budget is a warning, above 100% an error.`,
    '',
    '## Rules',
    '',
    '| code | severity | scope | rule | what it checks |',
    '|---|---|---|---|---|',
    ...rules,
    '',
    '## Item checks',
    '',
    'Before the rules, each item is checked on its own; these codes appear in the same places.',
    '',
    '| code | severity | what it checks |',
    '|---|---|---|',
    ...items,
    '',
    '## Conflicts between tickets',
    '',
    'A ticket that names a unit (a pinned serial to install, a unit to remove or replace) that another open ticket on the',
    'same server names or holds reserved is flagged on both: a warning in validation and `conflicts` in the ticket detail',
    '(the list filters them with `conflicts=true`). Approving it while the other ticket holds the reservation answers 409',
    '`CONFLICT` naming that ticket.',
    '',
  ].join('\n');
}
