/**
 * A change as both SQL stores write it into their `changes` table: one column list, one row
 * shape, so SQLite's inserts and PostgreSQL's COPY cannot disagree on what a history row holds.
 */
import type { Change } from '../../core/types.ts';
import { changeSearchText } from './search.ts';

export const CHANGE_ROW_COLUMNS = 'org, run_id, date, at, kind, code, learner, formation, delta, whole, reasons, search, origin';

/** The values of a change's row, in CHANGE_ROW_COLUMNS order. */
export function changeRow(orgId: string, runId: string, ch: Change): (string | null)[] {
  return [
    orgId,
    runId,
    ch.date,
    ch.at,
    ch.kind,
    ch.codeContrat,
    ch.learner,
    ch.formation,
    JSON.stringify(ch.delta),
    ch.whole,
    JSON.stringify(ch.reasons),
    changeSearchText(ch.learner, ch.codeContrat, ch.formation),
    ch.origin === null ? null : JSON.stringify(ch.origin),
  ];
}
