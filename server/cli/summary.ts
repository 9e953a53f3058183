import type { reasonCode } from '../../contract/index.ts';
import { reasonLabels } from '../../contract/index.ts';
import type { RunResult } from '../runner/runner.ts';

/** A few lines an operator reads after an import. */
export function formatRun(result: RunResult, topReasons: readonly { code: reasonCode; count: number }[] = []): string {
  const { run } = result;
  const c = run.counts;
  const lines = [
    `run ${run.id} (${run.source}, ${run.date}): ${run.status}${run.truncated ? ' (file cut short)' : ''}`,
    `  received ${c.received} · integrated ${c.integrated} · not integrated ${c.rejected}`,
    `  added ${c.added} · updated ${c.updated} · archived ${c.archived} · fixed ${c.fixed} · newly rejected ${c.newlyRejected}`,
  ];
  const held = run.held;
  if (held) {
    const why: string[] = [];
    if (held.reasons.includes('removal')) {
      why.push(
        `would archive ${held.wouldArchive} of ${held.integrated} integrated contracts (threshold ${Math.round(held.maxRatio * 100)}%)`,
      );
    }
    if (held.reasons.includes('update')) {
      const top = held.fieldUpdates.slice(0, 3).map((f) => `${f.field}: ${f.count.toLocaleString('en')} changes`);
      why.push(`would change one field on too many contracts (threshold ${Math.round(held.maxUpdateRatio * 100)}%): ${top.join(', ')}`);
    }
    if (held.reasons.includes('truncated')) {
      why.push(`the file is cut short and has ${held.received} records against ${held.previousReceived ?? 0} last time`);
    }
    lines.push(`  HELD: ${why.join('; ')}. Approve it from the Données tab or POST /api/erp-sync/runs/${run.id}/approve.`);
  }
  if (topReasons.length) {
    lines.push(`  top reasons: ${topReasons.map((r) => `${reasonLabels.en[r.code] ?? r.code} ${r.count}`).join(' · ')}`);
  }
  return lines.join('\n');
}
