/**
 * Which ended runs deserve a notification: one that newly rejects contracts, one held by a
 * guard, one that failed. Nothing when nothing changed for the worse, and nothing for a run an
 * admin abandoned (they know: they did it).
 */
import type { reasonCode, runSummary } from '../../contract/index.ts';

export type NotableKind = 'rejected' | 'held' | 'failed';

export function notableKind(run: runSummary): NotableKind | null {
  if (run.status === 'held') return 'held';
  if (run.status === 'failed') return run.failure === 'abandoned' ? null : 'failed';
  if (run.status === 'succeeded' && run.counts.newlyRejected > 0) return 'rejected';
  return null;
}

/** What a notification says about one run. */
export interface RunNotice {
  kind: NotableKind;
  org: { id: string; name: string };
  run: runSummary;
  /** The most frequent reasons among the organisation's non-integrated contracts after the run. */
  topReasons: { code: reasonCode; count: number }[];
  /** The organisation's Synchro ERP page, when configured. */
  pageUrl: string | null;
}
