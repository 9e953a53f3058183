/**
 * The import pipeline: what the ERP sent (a RecordStream) against what the platform holds (a
 * StateReader) -> what to write and what to tell. Streamed, so a million-record snapshot never
 * sits in memory whole; no clock, no database, no I/O of its own (reads go through the injected
 * state reader, intermediate results through injected spools), so it runs in the browser mock
 * as in the server's import worker.
 *
 *   pass 1  read each batch, hand it to onReceived (kept verbatim), normalise, check each record
 *           alone, fingerprint it, note its cross-record keys                  -> spool "checked"
 *           (an unchanged contract without its record: the platform holds the very same)
 *   pass 2  cross-record rules (one code per contract, one person per code, one email per person)
 *           on the records of the suspect groups only
 *   pass 3  each checked record against its fingerprint; previous versions read in batches for
 *           the changed ones only; then the contracts absent from the snapshot   -> upserts,
 *           rejections, changes
 *   guards  mass removal, mass update of one field, truncated file: held instead of applied
 */
import {
  sessionKey,
  type contractField,
  type contractRecord,
  type fieldChange,
  type guardInfo,
  type guardReason,
  type reason,
  type runCounts,
  type sessionRef,
} from '../../contract/index.ts';
import { CrossCheckIndex, crossCheck, type IndexedRecord } from './cross-check.ts';
import { diffRecords } from './diff.ts';
import { fingerprint } from './fingerprint.ts';
import { createInterner, ownCopy } from './interner.ts';
import { normalise, shareValues } from './normalise.ts';
import { SessionCollector, sessionReason } from './sessions.ts';
import { memorySpools, type Spool, type SpoolFactory } from './spool.ts';
import type {
  Change,
  ImportSettings,
  IntegratedContract,
  ReceivedRecord,
  RecordOrigin,
  RecordStream,
  Rejection,
  RunClock,
  StateReader,
} from './types.ts';
import { validateRecord } from './validate-record.ts';

/** The key of a record that cannot be filed under its contract code. */
const INDEX_KEY = '#index:';

export function indexKey(index: number): string {
  return `${INDEX_KEY}${index}`;
}

export function learnerOf(data: contractRecord): string {
  return `${data.prenomApprenant} ${data.nomApprenant}`.trim();
}

/** One received record after the checks a record can pass alone (pass 1). */
export interface CheckedRecord {
  /** Position in the snapshot (0-based), whatever index the source gave. */
  pos: number;
  index: number;
  key: string;
  origin: RecordOrigin | null;
  /**
   * Null for an unchanged contract: integrated, the same fingerprint, valid alone, no open
   * rejection, its session known. Pass 3 has nothing to write for it unless pass 2 rejects it,
   * and then reads the platform's version, which is this very record. Most of a daily snapshot
   * is unchanged: not holding those records until pass 3 is most of what such a run held.
   */
  record: contractRecord | null;
  hash: string;
  /** Its own reasons and the session's; the cross-record ones come from pass 2. */
  reasons: reason[];
  /** A termination date reached: archived whatever else is wrong, never reported as rejected. */
  terminated: boolean;
  /** As received: kept for a dry run only (the sync diff lists contracts as they were sent). */
  raw?: unknown;
}

export type ImportPhase = 'reading' | 'checking' | 'writing';

export interface ImportProgress {
  phase: ImportPhase;
  done: number;
  /** Null while the total is not known yet (a stream being read). */
  total: number | null;
}

/** What a dry run learns of each record: the public sync API's diff is made of these. */
export type Verdict =
  | { kind: 'same' | 'added' | 'fixed'; code: string; raw: unknown }
  | { kind: 'updated'; code: string; raw: unknown; fields: fieldChange[] }
  | { kind: 'rejected'; code: string; raw: unknown; reasons: reason[] }
  | { kind: 'removed'; contract: IntegratedContract };

export interface ImportInput {
  stream: RecordStream;
  state: StateReader;
  settings: ImportSettings;
  clock: RunClock;
  spools?: SpoolFactory;
  /** Each batch as read, before anything else: the runner keeps what was received, first. */
  onReceived?: (batch: ReceivedRecord[]) => Promise<void>;
  onProgress?: (p: ImportProgress) => void;
  /** What the previous run received: a cut file receiving far fewer records is held. */
  previousReceived?: number | null;
  /** Dry run: called with each record's verdict, the record as received attached. */
  onVerdict?: (v: Verdict) => void;
}

export interface ImportResult {
  status: 'succeeded' | 'held';
  counts: runCounts;
  /** Set when held. */
  guard: guardInfo | null;
  /** Contracts to insert or replace (added, updated, fixed, archived). */
  upserts: Spool<IntegratedContract>;
  /** The complete set of open rejections after this run (replaces the previous set). */
  rejections: Spool<Rejection>;
  changes: Spool<Change>;
  newSessions: sessionRef[];
  /** Frees the spools. */
  dispose(): Promise<void>;
}

const LOOKUP_BATCH = 500;

function zeroCounts(): runCounts {
  return { received: 0, integrated: 0, rejected: 0, added: 0, updated: 0, archived: 0, fixed: 0, newlyRejected: 0 };
}

function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export async function importRecords(input: ImportInput): Promise<ImportResult> {
  const { stream, state, settings, clock } = input;
  const spools = input.spools ?? memorySpools;
  const progress = input.onProgress ?? (() => {});
  const checked = spools<CheckedRecord>('checked');
  const upserts = spools<IntegratedContract>('upserts');
  const rejections = spools<Rejection>('rejections');
  const changes = spools<Change>('changes');
  const dispose = async () => {
    await Promise.all([checked.dispose(), upserts.dispose(), rejections.dispose(), changes.dispose()]);
  };
  try {
    // ---- pass 1: read, keep, check each record alone ----
    let previouslyIntegrated = 0;
    for (const fp of state.fingerprints.values()) if (fp.status === 'integrated') previouslyIntegrated++;
    // Sized for a snapshot like the platform's: its integrated and rejected contracts.
    const cross = new CrossCheckIndex(previouslyIntegrated + state.rejections.size);
    const shared = createInterner();
    /**
     * How many records carried each code so far: the 2nd copy of a code is « 2e copie ». Only the
     * first copy is filed under its code, so this also tells the codes filed so far, with one
     * lookup per record; the keys that look like internal ones (`#index:…`), codes included,
     * are kept apart to tell a collision. Together: every key filed so far (isFiled).
     */
    const copies = new Map<string, number>();
    const indexLike = new Set<string>();
    const isFiled = (key: string): boolean => (key.startsWith(INDEX_KEY) ? indexLike.has(key) : copies.has(key));
    let pos = 0;
    for await (const batch of stream.batches()) {
      if (input.onReceived) await input.onReceived(batch);
      const out: CheckedRecord[] = new Array(batch.length);
      for (let k = 0; k < batch.length; k++) {
        const rec = batch[k];
        const { record, badDates } = normalise(rec, settings.dateOrder);
        const code = record.codeContrat;
        const copy = code === '' ? 1 : (copies.get(code) ?? 0) + 1;
        const underCode = code !== '' && (code.startsWith(INDEX_KEY) ? !indexLike.has(code) : copy === 1);
        let key = underCode ? code : indexKey(rec.index);
        if (!underCode && indexLike.has(key)) key = `${key}:${pos}`;
        // Own copies: these tables live for the whole run (see ownCopy).
        key = ownCopy(key);
        if (key.startsWith(INDEX_KEY)) indexLike.add(key);
        if (code !== '') copies.set(copy === 1 ? (underCode ? key : ownCopy(code)) : code, copy);
        const terminated = record.dateResiliation !== '' && !badDates.includes('dateResiliation') && record.dateResiliation <= clock.date;
        let reasons: reason[] = [];
        if (!terminated) {
          reasons = validateRecord(record, badDates, rec.malformed);
          const groupReason = sessionReason(record, settings);
          if (groupReason) reasons.push(groupReason);
        }
        // Keyed by position, not by the source's index: a source giving two records one index
        // must not merge their reasons.
        cross.add(record);
        const hash = fingerprint(record);
        const fp = state.fingerprints.get(key);
        const unchanged =
          fp !== undefined &&
          fp.status === 'integrated' &&
          fp.hash === hash &&
          !terminated &&
          reasons.length === 0 &&
          !state.rejections.has(key) &&
          state.sessions.has(sessionKey(record));
        out[k] = {
          pos,
          index: rec.index,
          key,
          origin: key === code ? null : { index: rec.index, line: rec.line ?? null, copy },
          record: unchanged ? null : shareValues(record, shared),
          hash,
          reasons,
          terminated,
          raw: input.onVerdict ? rec.raw : undefined,
        };
        pos++;
      }
      await checked.append(out);
      progress({ phase: 'reading', done: pos, total: null });
    }
    const received = pos;

    const lookup = async (codes: string[]): Promise<Map<string, IntegratedContract>> => {
      const out = new Map<string, IntegratedContract>();
      for (let i = 0; i < codes.length; i += LOOKUP_BATCH) {
        for (const c of await state.contracts(codes.slice(i, i + LOOKUP_BATCH))) out.set(c.code, c);
      }
      return out;
    };
    const previous = (prevs: Map<string, IntegratedContract>, code: string): IntegratedContract => {
      const p = prevs.get(code);
      if (!p) throw new Error(`contract ${code} has a fingerprint but could not be read`);
      return p;
    };

    // ---- pass 2: the cross-record rules, on the suspect groups only ----
    const crossReasons = new Map<number, reason[]>();
    if (!cross.clean) {
      const suspects: CheckedRecord[] = [];
      for await (const batch of checked.read()) for (const c of batch) if (cross.candidateAt(c.pos)) suspects.push(c);
      // An unchanged contract's record is the platform's version.
      const stored = await lookup(suspects.filter((c) => c.record === null).map((c) => c.key));
      const subset: IndexedRecord[] = suspects.map((c) => ({ index: c.pos, record: c.record ?? previous(stored, c.key).data }));
      for (const [p, rs] of crossCheck(subset)) crossReasons.set(p, rs);
    }

    // ---- pass 3: against the platform ----
    const counts = zeroCounts();
    counts.received = received;
    /** Contracts that were not integrated before and are now. */
    let entered = 0;
    const sessions = new SessionCollector(settings.sessions, state.sessions);
    /** Previously integrated contracts each field changes on (the mass-update guard). */
    const fieldUpdates = new Map<contractField, number>();
    const verdict = input.onVerdict;

    const note = (out: Change[], kind: Change['kind'], code: string, data: contractRecord, extra: Partial<Change>): void => {
      out.push({
        at: clock.at,
        date: clock.date,
        kind,
        codeContrat: code,
        learner: learnerOf(data),
        formation: data.nomFormation,
        delta: [],
        whole: null,
        reasons: [],
        origin: null,
        ...extra,
      });
    };
    const archive = (ups: IntegratedContract[], chs: Change[], prev: IntegratedContract, data: contractRecord): void => {
      ups.push({
        code: prev.code,
        status: 'archived',
        data,
        session: prev.session,
        since: clock.at,
        updatedAt: clock.at,
        hash: fingerprint(data),
      });
      note(chs, 'archived', prev.code, data, { whole: 'before', delta: diffRecords(prev.data, data) });
      counts.archived++;
      verdict?.({ kind: 'removed', contract: prev });
    };
    let done = 0;
    // The last reading of the checked records: each batch let go as its outcome is spooled.
    for await (const batch of checked.drain()) {
      // The previous versions this batch needs: only the changed contracts', and the terminated ones'.
      const need: string[] = [];
      for (const c of batch) {
        if (c.record === null) {
          // Unchanged, and rejected by pass 2 after all: its rejection shows the record.
          if (crossReasons.has(c.pos)) need.push(c.key);
          continue;
        }
        const fp = state.fingerprints.get(c.key);
        if (!fp) continue;
        if (c.terminated) {
          if (fp.status === 'integrated') need.push(c.key);
        } else if (fp.hash !== c.hash && c.reasons.length === 0 && !crossReasons.has(c.pos)) need.push(c.key);
      }
      const prevs = need.length > 0 ? await lookup(need) : new Map<string, IntegratedContract>();
      const ups: IntegratedContract[] = [];
      const rejs: Rejection[] = [];
      const chs: Change[] = [];

      for (const c of batch) {
        const { key } = c;
        if (c.record === null && !crossReasons.has(c.pos)) {
          verdict?.({ kind: 'same', code: key, raw: c.raw });
          continue;
        }
        const record = c.record ?? previous(prevs, key).data;
        const fp = state.fingerprints.get(key);
        const wasIntegrated = fp !== undefined && fp.status === 'integrated';
        const prevRejection = state.rejections.get(key);
        if (c.terminated) {
          // An ended contract is archived whatever else is wrong with it, and never reported as
          // rejected: there is nothing left for the admin to fix.
          if (wasIntegrated) {
            const prev = previous(prevs, key);
            archive(ups, chs, prev, { ...prev.data, dateResiliation: record.dateResiliation });
          }
          continue;
        }

        const more = crossReasons.get(c.pos);
        const reasons = more ? [...c.reasons, ...more] : c.reasons;
        if (reasons.length > 0) {
          rejs.push({
            code: key,
            data: record,
            reasons,
            since: prevRejection ? prevRejection.since : clock.at,
            index: c.index,
            origin: c.origin,
          });
          if (!prevRejection) {
            note(chs, 'rejected', key, record, { reasons, origin: c.origin });
            counts.newlyRejected++;
          }
          verdict?.({ kind: 'rejected', code: key, raw: c.raw, reasons });
          continue;
        }

        const session = sessions.attach(record);
        if (wasIntegrated) {
          const fields = fp.hash === c.hash ? [] : diffRecords(previous(prevs, key).data, record);
          if (fields.length > 0) {
            ups.push({
              code: key,
              status: 'integrated',
              data: record,
              session,
              since: previous(prevs, key).since,
              updatedAt: clock.at,
              hash: c.hash,
            });
            for (const f of fields) {
              const field = f.field as contractField;
              fieldUpdates.set(field, (fieldUpdates.get(field) ?? 0) + 1);
            }
          }
          if (prevRejection) {
            note(chs, 'fixed', key, record, { delta: fields, reasons: prevRejection.reasons });
            counts.fixed++;
            verdict?.({ kind: 'fixed', code: key, raw: c.raw });
          } else if (fields.length > 0) {
            note(chs, 'updated', key, record, { delta: fields });
            counts.updated++;
            verdict?.({ kind: 'updated', code: key, raw: c.raw, fields });
          } else verdict?.({ kind: 'same', code: key, raw: c.raw });
          continue;
        }

        // New to the platform, or back after being archived.
        ups.push({ code: key, status: 'integrated', data: record, session, since: clock.at, updatedAt: clock.at, hash: c.hash });
        entered++;
        const delta = fp !== undefined && fp.hash !== c.hash ? diffRecords(previous(prevs, key).data, record) : [];
        if (prevRejection) {
          // With a previous (archived) version the fix shows what changed; without, the whole record.
          note(chs, 'fixed', key, record, { delta, whole: fp ? null : 'after', reasons: prevRejection.reasons });
          counts.fixed++;
          verdict?.({ kind: 'fixed', code: key, raw: c.raw });
        } else {
          note(chs, 'added', key, record, { delta, whole: 'after' });
          counts.added++;
          verdict?.({ kind: 'added', code: key, raw: c.raw });
        }
      }
      await upserts.append(ups);
      await rejections.append(rejs);
      await changes.append(chs);
      done += batch.length;
      progress({ phase: 'checking', done, total: received });
    }

    // A full snapshot lists every active contract: one that is missing has ended. Sorted so the
    // outcome does not depend on the order a store happened to load its rows in.
    const missing: string[] = [];
    for (const [code, fp] of state.fingerprints) if (fp.status === 'integrated' && !isFiled(code)) missing.push(code);
    missing.sort(byCode);
    for (let i = 0; i < missing.length; i += LOOKUP_BATCH) {
      const chunk = missing.slice(i, i + LOOKUP_BATCH);
      const prevs = await lookup(chunk);
      const ups: IntegratedContract[] = [];
      const chs: Change[] = [];
      for (const code of chunk) {
        const prev = previous(prevs, code);
        archive(ups, chs, prev, prev.data);
      }
      await upserts.append(ups);
      await changes.append(chs);
    }

    counts.integrated = previouslyIntegrated - counts.archived + entered;
    counts.rejected = rejections.count;

    const guard = guardOf(settings, {
      previouslyIntegrated,
      archived: counts.archived,
      fieldUpdates,
      truncated: stream.truncated === true,
      received,
      previousReceived: input.previousReceived ?? null,
    });
    return {
      status: guard ? 'held' : 'succeeded',
      counts,
      guard,
      upserts,
      rejections,
      changes,
      newSessions: sessions.created,
      dispose,
    };
  } catch (err) {
    await dispose();
    throw err;
  }
}

interface GuardFacts {
  previouslyIntegrated: number;
  archived: number;
  fieldUpdates: ReadonlyMap<contractField, number>;
  truncated: boolean;
  received: number;
  previousReceived: number | null;
}

/**
 * The stop conditions (DOMAIN.md: an abnormal number of removed or updated contracts, a broken
 * export): the guard info when the run must be held, null when it may be applied.
 */
export function guardOf(settings: ImportSettings, f: GuardFacts): guardInfo | null {
  const reasons: guardReason[] = [];
  const base = f.previouslyIntegrated;
  const updates = [...f.fieldUpdates]
    .map(([field, count]) => ({ field, count }))
    .sort((a, b) => b.count - a.count || byCode(a.field, b.field));
  if (!settings.bypassGuard) {
    if (base > 0 && f.archived > settings.maxArchiveRatio * base) reasons.push('removal');
    if (base > 0 && updates.some((u) => u.count > settings.maxUpdateRatio * base && u.count >= settings.minUpdates)) reasons.push('update');
    if (f.truncated && f.previousReceived !== null && f.previousReceived - f.received >= settings.maxMissingRatio * f.previousReceived) {
      reasons.push('truncated');
    }
  }
  if (reasons.length === 0) return null;
  return {
    reasons,
    wouldArchive: f.archived,
    integrated: base,
    maxRatio: settings.maxArchiveRatio,
    fieldUpdates: updates,
    maxUpdateRatio: settings.maxUpdateRatio,
    received: f.received,
    previousReceived: f.previousReceived,
  };
}
