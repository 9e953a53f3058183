/** A contract as the Données tables list it (SQLite and PostgreSQL alike): its columns and its open rejection's reasons. */
import type { reason } from '../../../contract/index.ts';
import type { ContractRow as ListRow } from '../store.ts';
import { decodeRecord } from './record-codec.ts';
import { type ContractRow, sessionOfRow } from './rows.ts';

export interface ContractListRow extends ContractRow {
  open_reasons: string | null;
}

/** A store's contract columns for table alias `x`, then its open rejection's reasons (LEFT JOIN rejections r). */
export function contractListColumns(contractColumns: string): string {
  return `${contractColumns
    .split(', ')
    .map((c) => `x.${c}`)
    .join(', ')}, r.reasons AS open_reasons`;
}

export function toListRow(r: ContractListRow): ListRow {
  return {
    codeContrat: r.code,
    status: r.status,
    data: decodeRecord(r.data),
    session: sessionOfRow(r),
    since: r.since,
    updatedAt: r.updated_at,
    reasons: r.open_reasons === null ? [] : (JSON.parse(r.open_reasons) as reason[]),
    // An archived contract is no longer a valid version on the platform.
    hasValidVersion: r.status === 'integrated',
    origin: null,
  };
}
