import type { RunResult } from '../runner/runner.ts';
import { reasonLabels } from '../../contract/index.ts';

/** A few lines an operator reads after an import. */
export function formatRun(result: RunResult): string {
  const { run, outcome } = result;
  const c = run.counts;
  const lines = [
    `run ${run.id} (${run.source}, ${run.date}): ${run.status}`,
    `  received ${c.received} · integrated ${c.integrated} · not integrated ${c.rejected}`,
    `  added ${c.added} · updated ${c.updated} · archived ${c.archived} · fixed ${c.fixed} · newly rejected ${c.newlyRejected}`,
  ];
  if (run.held) {
    lines.push(
      `  HELD: would archive ${run.held.wouldArchive} of ${run.held.integrated} integrated contracts (threshold ${Math.round(run.held.maxRatio * 100)}%). Approve it from the Données tab or POST /api/erp-sync/runs/${run.id}/approve.`,
    );
  }
  if (outcome) {
    const byCode = new Map<string, number>();
    for (const r of outcome.rejections) for (const reason of r.reasons) byCode.set(reason.code, (byCode.get(reason.code) ?? 0) + 1);
    const top = [...byCode.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
    if (top.length)
      lines.push(
        `  top reasons: ${top.map(([code, n]) => `${reasonLabels.en[code as keyof typeof reasonLabels.en] ?? code} ${n}`).join(' · ')}`,
      );
  }
  return lines.join('\n');
}
