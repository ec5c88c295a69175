/**
 * Prints the clinical catalogue as a Markdown table for docs/triage.md (entries, sources,
 * reason codes), so the documentation is generated from the rules themselves.
 *   npx tsx bench/triage/catalogue-table.ts
 */
import { CATALOGUE } from '../../src/server/triage/catalogue.js';

console.log('| entry | what it catches | reason code | rules | sources |');
console.log('|---|---|---|---|---|');
for (const e of CATALOGUE) {
  console.log(`| \`${e.id}\` | ${e.label} | \`VITAL_C_${e.id.toUpperCase()}\` | ${e.rules.length} | ${e.source} |`);
}
