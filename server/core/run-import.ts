/**
 * The import pipeline as one pure function: what the platform holds + what the ERP sent ->
 * what to write and what to tell. The store applies the outcome in one transaction.
 */
import type { contractRecord, reason, fieldChange, runCounts } from '../../contract/index.ts';
import { crossCheck } from './cross-check.ts';
import { diffRecords, recordFields } from './diff.ts';
import { normalise, type Normalised } from './normalise.ts';
import { SessionCollector, sessionReason } from './sessions.ts';
import type { Change, ImportSettings, IntegratedContract, PreviousState, Rejection, RunClock, RunOutcome, Snapshot } from './types.ts';
import { validateRecord } from './validate-record.ts';

/** The key of a record that cannot be filed under its contract code. */
export function indexKey(index: number): string {
  return `#index:${index}`;
}

function learnerOf(data: contractRecord): string {
  return `${data.prenomApprenant} ${data.nomApprenant}`.trim();
}

export function runImport(previous: PreviousState, snapshot: Snapshot, settings: ImportSettings, clock: RunClock): RunOutcome {
  const records = snapshot.records;
  const normalised: Normalised[] = new Array(records.length);
  for (let i = 0; i < records.length; i++) normalised[i] = normalise(records[i], settings.dateOrder);

  // Keyed by position, not by the source's index: a source bug giving two records the same
  // index must not merge their reasons.
  const cross = crossCheck(normalised.map((n, i) => ({ index: i, record: n.record })));

  const changes: Change[] = [];
  const upserts: IntegratedContract[] = [];
  const rejections: Rejection[] = [];
  const sessions = new SessionCollector(settings.sessions, previous.sessions);
  const counts: runCounts = {
    received: records.length,
    integrated: 0,
    rejected: 0,
    added: 0,
    updated: 0,
    archived: 0,
    fixed: 0,
    newlyRejected: 0,
  };

  let previouslyIntegrated = 0;
  for (const c of previous.contracts.values()) if (c.status === 'integrated') previouslyIntegrated++;
  /** Contracts that were not integrated before and are now. */
  let entered = 0;

  const note = (kind: Change['kind'], code: string, data: contractRecord, fields: fieldChange[], reasons: reason[]) => {
    changes.push({
      at: clock.at,
      date: clock.date,
      kind,
      codeContrat: code,
      learner: learnerOf(data),
      formation: data.nomFormation,
      fields,
      reasons,
    });
  };

  const archive = (prev: IntegratedContract, data: contractRecord) => {
    upserts.push({ code: prev.code, status: 'archived', data, session: prev.session, since: clock.at, updatedAt: clock.at });
    note('archived', prev.code, data, recordFields(data, 'before'), []);
    counts.archived++;
  };

  const seen = new Set<string>();
  /** How many records carried each code so far: the 2nd copy of a code is « 2e copie ». */
  const copies = new Map<string, number>();
  for (let i = 0; i < records.length; i++) {
    const rec = records[i];
    const { record: data, badDates } = normalised[i];

    // Only the first copy of a duplicated code is filed under it: the other copies are still
    // reported, but one code must map to one row in the store.
    let key = data.codeContrat !== '' && !seen.has(data.codeContrat) ? data.codeContrat : indexKey(rec.index);
    if (seen.has(key)) key = `${indexKey(rec.index)}:${i}`;
    seen.add(key);
    const copy = data.codeContrat === '' ? 1 : (copies.get(data.codeContrat) ?? 0) + 1;
    if (data.codeContrat !== '') copies.set(data.codeContrat, copy);
    const origin = key === data.codeContrat ? null : { index: rec.index, line: rec.line ?? null, copy };

    const prev = previous.contracts.get(key);
    const prevRejection = previous.rejections.get(key);
    const wasIntegrated = prev !== undefined && prev.status === 'integrated';

    const terminated = data.dateResiliation !== '' && !badDates.includes('dateResiliation') && data.dateResiliation <= clock.date;
    if (terminated) {
      // An ended contract is archived whatever else is wrong with it, and never reported as
      // rejected: there is nothing left for the admin to fix.
      if (wasIntegrated) archive(prev, { ...prev.data, dateResiliation: data.dateResiliation });
      continue;
    }

    const reasons = validateRecord(data, badDates, rec.malformed);
    const groupReason = sessionReason(data, settings);
    if (groupReason) reasons.push(groupReason);
    const crossReasons = cross.get(i);
    if (crossReasons) reasons.push(...crossReasons);

    if (reasons.length > 0) {
      rejections.push({ code: key, data, reasons, since: prevRejection ? prevRejection.since : clock.at, index: rec.index, origin });
      if (!prevRejection) {
        note('rejected', key, data, [], reasons);
        counts.newlyRejected++;
      }
      continue;
    }

    const session = sessions.attach(data);

    if (wasIntegrated) {
      const fields = diffRecords(prev.data, data);
      if (fields.length > 0) {
        upserts.push({ code: key, status: 'integrated', data, session, since: prev.since, updatedAt: clock.at });
      }
      if (prevRejection) {
        note('fixed', key, data, fields, prevRejection.reasons);
        counts.fixed++;
      } else if (fields.length > 0) {
        note('updated', key, data, fields, []);
        counts.updated++;
      }
      continue;
    }

    upserts.push({ code: key, status: 'integrated', data, session, since: clock.at, updatedAt: clock.at });
    entered++;
    if (prevRejection) {
      note('fixed', key, data, prev ? diffRecords(prev.data, data) : recordFields(data, 'after'), prevRejection.reasons);
      counts.fixed++;
    } else {
      note('added', key, data, recordFields(data, 'after'), []);
      counts.added++;
    }
  }

  // A full snapshot lists every active contract: one that is missing has ended. Sorted so the
  // outcome does not depend on the order a store happened to load its rows in.
  const missing: IntegratedContract[] = [];
  for (const [code, c] of previous.contracts) if (c.status === 'integrated' && !seen.has(code)) missing.push(c);
  missing.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  for (const c of missing) archive(c, c.data);

  counts.integrated = previouslyIntegrated - counts.archived + entered;
  counts.rejected = rejections.length;

  const maxRatio = settings.maxArchiveRatio;
  if (!settings.bypassGuard && previouslyIntegrated > 0 && counts.archived > maxRatio * previouslyIntegrated) {
    return {
      status: 'held',
      counts,
      guard: { wouldArchive: counts.archived, integrated: previouslyIntegrated, maxRatio },
      upserts: [],
      // What this snapshot's records would be rejected for: the push report names them by
      // index. The stores apply none of it for a held run.
      rejections,
      newSessions: [],
      changes: [],
    };
  }

  return { status: 'succeeded', counts, guard: null, upserts, rejections, newSessions: sessions.created, changes };
}
