/** The PostgreSQL store's row shapes (store/common/rows.ts) and the columns it selects. */
export * from '../common/rows.ts';
import { contractListColumns } from '../common/list-rows.ts';

export const CHANGE_COLUMNS = 'id, run_id, date, at, kind, code, learner, formation, delta, whole, legacy_fields, reasons, origin';
export const CONTRACT_COLUMNS = 'id, code, status, data, s_site, s_periode, s_formation, s_annee, s_groupe, since, updated_at, hash';
export const REJECTION_COLUMNS = 'code, data, reasons, since, updated_at, idx, origin';
export const RUN_COLUMNS = 'id, org, source, status, started_at, finished_at, date, counts, error, failure, held, truncated, progress';

/** COUNT(*) is BIGINT: counted as ::int in SQL so it reads as a number. */
export interface CountRow {
  n: number;
}

export { type ContractListRow, toListRow } from '../common/list-rows.ts';
/** The listed contract's columns for table alias `x`, then its open rejection's reasons. */
export const CONTRACT_LIST_COLUMNS = contractListColumns(CONTRACT_COLUMNS);
