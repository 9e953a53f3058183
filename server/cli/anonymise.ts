/** What `anonymise` prints: per organisation, its cutoff and what was (or, dry run, would be) changed. */
import type { OrgRetention } from '../ops/retention.ts';

export function formatRetention(reports: readonly OrgRetention[], dryRun: boolean): string {
  const verb = dryRun ? 'would ' : '';
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(`${r.org}: personal data of contracts retired before ${r.before}${dryRun ? ' (dry run: nothing changed)' : ''}`);
    lines.push(
      `  ${verb}anonymise ${r.codes.length} contract(s), ${verb}rewrite ${r.changes} history entr${r.changes === 1 ? 'y' : 'ies'}, ${verb}drop ${r.receivedRecords} received record(s)`,
    );
    for (const code of r.codes) lines.push(`  - ${code}`);
  }
  return lines.join('\n');
}
