/**
 * Small pure helpers both stores share, so that their answers are identical.
 */
import { contractFields, dateFields, type contractRecord, type runCounts, type sessionRef } from '../../../contract/index.ts';

export function zeroCounts(received: number): runCounts {
  return { received, integrated: 0, rejected: 0, added: 0, updated: 0, archived: 0, fixed: 0, newlyRejected: 0 };
}

/** The session a record points at (used for rejections, which carry no session of their own). */
export function sessionOfData(d: contractRecord): sessionRef {
  return {
    codeSite: d.codeSite,
    codePeriode: d.codePeriode,
    codeFormation: d.codeFormation,
    codeAnnee: d.codeAnnee,
    codeGroupe: d.codeGroupe,
  };
}

/** 'YYYY-MM-DD' -> 'DD/MM/YYYY' (the public sync API's date format); anything else unchanged. */
export function isoToFrench(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}

// The public API (DOMAIN.md §1) does not know these two extensions: only sent when set.
const EXTENSIONS = new Set<string>(['siretEntreprise', 'dateResiliation']);

/** An integrated contract as GET /api/sync/v1/contrats returns it: public field names, French dates. */
export function toSyncShape(d: contractRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of contractFields) {
    const v = d[f];
    if (EXTENSIONS.has(f) && v === '') continue;
    out[f] = dateFields.includes(f) ? isoToFrench(v) : v;
  }
  return out;
}

/**
 * Keeps the last item per code. The core should never emit a code twice, but if it did, a
 * UNIQUE violation would fail the whole run; "last wins" matches Map semantics in both stores.
 */
export function lastByCode<T extends { code: string }>(items: readonly T[]): T[] {
  const m = new Map<string, T>();
  for (const it of items) {
    m.delete(it.code); // re-insert so the order is the last occurrence's
    m.set(it.code, it);
  }
  return [...m.values()];
}
