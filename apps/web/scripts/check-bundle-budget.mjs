#!/usr/bin/env node
// @ts-check
// Fails the web build when a page's first-load JavaScript (gzip) is over the budget (issue 9: 150 kB).
// Runs after `vite build` in `pnpm --filter @bdc/web build`, so `pnpm build`, `pnpm test` and CI fail too.
// Usage: node scripts/check-bundle-budget.mjs [distDir]   (BUDGET_KB=<kB> overrides the budget)
import { resolve } from 'node:path';
import { formatReport, measureDist, parseBudgetKb } from './bundle-budget.mjs';

const distDir = resolve(process.argv[2] ?? resolve(import.meta.dirname, '..', 'dist'));

try {
  const budgetKb = parseBudgetKb(process.env.BUDGET_KB);
  const { text, overBudget } = formatReport(measureDist(distDir), budgetKb);
  console.log(text);
  if (overBudget.length > 0) {
    console.error(`\nFirst-load JavaScript over the ${budgetKb} kB budget for: ${overBudget.map((r) => r.name).join(', ')}.`);
    console.error('Load what the first page does not need on demand (see docs/performance.md), or raise the budget deliberately.');
    process.exit(1);
  }
} catch (error) {
  console.error(`Bundle budget check failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
