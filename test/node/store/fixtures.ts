/**
 * Hand-built fixtures for the store suite (independent of server/core, written concurrently).
 *
 * Org cfa1, after seed():
 *   run1 2025-09-01: C001 C002 C003 C009 added; C004, C005 rejected.
 *   run2 2025-09-02: C002 updated, C004 fixed + added, C009 archived, C001 rejected (its valid
 *                    version stays), #index:5 rejected (malformed row); C005 still rejected.
 *   run3 2025-09-03: failed before receiving anything.
 * Org cfa2: run 2025-09-01 adds its own C001 (same code, another person).
 */
import { emptyRecord, type contractRecord, type reason, type runCounts, type sessionRef } from '../../../contract/index.ts';
import { fingerprint } from '../../../server/core/fingerprint.ts';
import { batchesOf } from '../../../server/core/spool.ts';
import type { Change, IntegratedContract, ReceivedRecord, Rejection, RunOutcome } from '../../../server/core/types.ts';
import type { HeldEffect, Store, StoredChange } from '../../../server/store/store.ts';

export const ORG = 'cfa1';
export const ORG2 = 'cfa2';

export function rec(over: Partial<contractRecord>): contractRecord {
  return {
    ...emptyRecord(),
    codeMarque: '',
    codePeriode: '2025',
    nomPeriode: '2025/2026',
    codeAnnee: 'A1',
    nomAnnee: '1ère année',
    emailApprenant: 'learner@example.org',
    codePersonnel: 'P1',
    nomPersonnel: 'PROF',
    prenomPersonnel: 'Anne',
    emailPersonnel: 'prof@example.org',
    codeMaitreApprentissage: 'M1',
    nomMaitreApprentissage: 'TUTEUR',
    prenomMaitreApprentissage: 'Marc',
    emailMaitreApprentissage: 'tutor@example.org',
    ...over,
  };
}

const MCO = { codeFormation: 'MCO', nomFormation: 'BTS MCO', codeGroupe: 'G1', nomGroupe: 'MCO 1A', codeSite: 'LYO', nomSite: 'Lyon' };
const NDRC = {
  codeFormation: 'NDRC',
  nomFormation: 'BTS NDRC',
  codeGroupe: 'G2',
  nomGroupe: 'NDRC 1A',
  codeSite: 'ANN',
  nomSite: 'Annecy',
};
const COM = {
  codeFormation: 'COM',
  nomFormation: 'Bachelor Commerce',
  codeGroupe: 'G3',
  nomGroupe: 'COM 3A',
  codeSite: 'VAL',
  nomSite: 'Valence',
};

export const data = {
  C001: rec({
    codeContrat: 'C001',
    codeApprenant: 'L1',
    nomApprenant: 'DUPONT',
    prenomApprenant: 'Hélène',
    nomEntreprise: 'Boulangerie Éclair',
    dateDebut: '2025-09-01',
    dateFin: '2027-08-31',
    ...MCO,
  }),
  C002: rec({
    codeContrat: 'C002',
    codeApprenant: 'L2',
    nomApprenant: 'MARTIN',
    prenomApprenant: 'Jean',
    nomEntreprise: 'Garage Martin',
    siretEntreprise: '12345678901234',
    dateDebut: '2025-10-15',
    dateFin: '2027-06-30',
    ...NDRC,
  }),
  C003: rec({
    codeContrat: 'C003',
    codeApprenant: 'L3',
    nomApprenant: 'ÉMERY',
    prenomApprenant: 'Zoé',
    nomEntreprise: 'Atelier Zèbre',
    dateDebut: '2024-09-01',
    dateFin: '2026-08-31',
    ...MCO,
  }),
  C004: rec({
    codeContrat: 'C004',
    codeApprenant: 'L4',
    nomApprenant: 'DURAND',
    prenomApprenant: 'Paul',
    nomEntreprise: 'Café du Port',
    dateDebut: '2025-01-06',
    dateFin: '2026-01-05',
    ...COM,
  }),
  C005: rec({
    codeContrat: 'C005',
    codeApprenant: 'L5',
    nomApprenant: 'BERNARD',
    prenomApprenant: 'Léa',
    nomEntreprise: '',
    nomMaitreApprentissage: '',
    prenomMaitreApprentissage: '',
    dateDebut: '2025-09-01',
    dateFin: '2027-08-31',
    ...MCO,
  }),
  C009: rec({
    codeContrat: 'C009',
    codeApprenant: 'L9',
    nomApprenant: 'ARNAUD',
    prenomApprenant: 'Chloé',
    nomEntreprise: 'Fleurs & Co',
    dateDebut: '2023-09-01',
    dateFin: '2025-08-31',
    ...NDRC,
  }),
};
export const C002v2: contractRecord = { ...data.C002, nomEntreprise: 'Garage Martin & Fils' };
export const C001bad: contractRecord = { ...data.C001, nomEntreprise: '', emailMaitreApprentissage: 'bad@' };
export const C004bad: contractRecord = { ...data.C004, nomEntreprise: '' };

export function sessionOf(d: contractRecord): sessionRef {
  return {
    codeSite: d.codeSite,
    codePeriode: d.codePeriode,
    codeFormation: d.codeFormation,
    codeAnnee: d.codeAnnee,
    codeGroupe: d.codeGroupe,
  };
}

export const T = {
  run1: '2025-09-01T04:00:00.000Z',
  run1end: '2025-09-01T04:01:00.000Z',
  run2: '2025-09-02T04:00:00.000Z',
  run2end: '2025-09-02T04:01:00.000Z',
  run3: '2025-09-03T04:00:00.000Z',
  run3end: '2025-09-03T04:00:05.000Z',
};

export function integrated(
  d: contractRecord,
  since: string,
  updatedAt = since,
  status: 'integrated' | 'archived' = 'integrated',
): IntegratedContract {
  return { code: d.codeContrat, status, data: d, session: sessionOf(d), since, updatedAt, hash: fingerprint(d) };
}

export const R = {
  employer: { code: 'EMPLOYER_MISSING', field: 'nomEntreprise', value: '' },
  tutorEmail: { code: 'TUTOR_EMAIL_INVALID', field: 'emailMaitreApprentissage', value: 'bad@' },
  tutorNom: { code: 'TUTOR_MISSING', field: 'nomMaitreApprentissage', value: '' },
  tutorPrenom: { code: 'TUTOR_MISSING', field: 'prenomMaitreApprentissage', value: '' },
  malformed: { code: 'ROW_MALFORMED', field: 'line', value: '', detail: '12 columns instead of 30' },
} satisfies Record<string, reason>;

export function rejection(code: string, d: contractRecord, reasons: reason[], since: string, index: number): Rejection {
  return { code, data: d, reasons, since, index, origin: code === d.codeContrat ? null : { index, line: null, copy: 1 } };
}

export function counts(over: Partial<runCounts>): runCounts {
  return { received: 0, integrated: 0, rejected: 0, added: 0, updated: 0, archived: 0, fixed: 0, newlyRejected: 0, ...over };
}

/** A change as the pipeline records it: compact (whole-record changes carry no copy of the record). */
export function change(kind: Change['kind'], d: contractRecord, at: string, over: Partial<Change> = {}): Change {
  return {
    at,
    date: at.slice(0, 10),
    kind,
    codeContrat: d.codeContrat,
    learner: `${d.prenomApprenant} ${d.nomApprenant}`.trim(),
    formation: d.nomFormation,
    delta: [],
    whole: kind === 'added' ? 'after' : kind === 'archived' ? 'before' : null,
    reasons: [],
    origin: null,
    ...over,
  };
}

/** The same change as a reader sees it: its fields shown, its run named. */
export function shown(c: Change, runId: string, fields = c.delta): StoredChange {
  return {
    runId,
    at: c.at,
    date: c.date,
    kind: c.kind,
    codeContrat: c.codeContrat,
    learner: c.learner,
    formation: c.formation,
    fields,
    reasons: c.reasons,
    origin: c.origin,
  };
}

/** A lease no test outlives. */
export const FOREVER = '2999-01-01T00:00:00.000Z';

/** Opens a run leased until `leaseUntil` (forever by default) and keeps its received records. */
export async function startRun(
  store: Store,
  org: string,
  input: { source: 'push' | 'csv' | 'pull'; startedAt: string; date: string },
  records: ReceivedRecord[],
  leaseUntil = FOREVER,
): Promise<string> {
  const id = await store.openRun(org, { ...input, now: input.startedAt, leaseUntil });
  if (records.length > 0) await store.appendReceived(org, id, records);
  return id;
}

/** Applies an outcome as the runner does: a held one through holdRun, the rest through applyRun's streams. */
export async function applyOutcome(
  store: Store,
  org: string,
  runId: string,
  o: RunOutcome,
  finishedAt: string,
  effects: HeldEffect[] = [],
): Promise<void> {
  const facts = { meta: {}, truncated: false };
  if (o.status === 'held' && o.guard) {
    await store.holdRun(
      org,
      runId,
      { counts: o.counts, guard: o.guard, ...facts, effects: batchesOf(effects), rejections: batchesOf(o.rejections) },
      finishedAt,
    );
    return;
  }
  await store.applyRun(
    org,
    runId,
    {
      counts: o.counts,
      upserts: batchesOf(o.upserts, 2),
      rejections: batchesOf(o.rejections, 2),
      newSessions: o.newSessions,
      changes: batchesOf(o.changes, 2),
    },
    facts,
    finishedAt,
  );
}

/** Every record a run received, in order. */
export async function receivedOf(store: Store, org: string, runId: string): Promise<ReceivedRecord[]> {
  const out: ReceivedRecord[] = [];
  for await (const b of store.readReceived(org, runId)) out.push(...b);
  return out;
}

/** A guard as a held run carries it. */
export function guardOf(over: { wouldArchive: number; integrated: number }) {
  return {
    reasons: ['removal' as const],
    maxRatio: 0.2,
    fieldUpdates: [],
    maxUpdateRatio: 0.3,
    received: 1,
    previousReceived: 6,
    ...over,
  };
}

export function outcome(over: Partial<RunOutcome>): RunOutcome {
  return { status: 'succeeded', counts: counts({}), guard: null, upserts: [], rejections: [], newSessions: [], changes: [], ...over };
}

/** Records as a push source would receive them: raw JSON (French dates) and mapped fields. */
export function received(ds: contractRecord[]): ReceivedRecord[] {
  return ds.map((d, index) => ({
    index,
    raw: { ...d, dateDebut: frenchDate(d.dateDebut), dateFin: frenchDate(d.dateFin), extra: { nested: [1, 'é', null] } },
    fields: { ...d },
  }));
}

function frenchDate(iso: string): string {
  return iso ? iso.split('-').reverse().join('/') : '';
}

export const malformedRecord: ReceivedRecord = {
  index: 5,
  line: 7,
  raw: { 'Code contrat': 'C0;;' },
  fields: {},
  malformed: '12 columns instead of 30',
};

export const run1Outcome = (): RunOutcome =>
  outcome({
    counts: counts({ received: 6, integrated: 4, rejected: 2, added: 4, newlyRejected: 2 }),
    upserts: [integrated(data.C001, T.run1), integrated(data.C002, T.run1), integrated(data.C003, T.run1), integrated(data.C009, T.run1)],
    rejections: [
      rejection('C004', C004bad, [R.employer], T.run1, 3),
      rejection('C005', data.C005, [R.employer, R.tutorNom, R.tutorPrenom], T.run1, 4),
    ],
    newSessions: [sessionOf(data.C001), sessionOf(data.C002)],
    changes: [
      change('added', data.C001, T.run1),
      change('added', data.C002, T.run1),
      change('added', data.C003, T.run1),
      change('added', data.C009, T.run1),
      change('rejected', C004bad, T.run1, { reasons: [R.employer] }),
      change('rejected', data.C005, T.run1, { reasons: [R.employer, R.tutorNom, R.tutorPrenom] }),
    ],
  });

export const run2Outcome = (): RunOutcome =>
  outcome({
    counts: counts({ received: 6, integrated: 4, rejected: 3, added: 1, updated: 1, archived: 1, fixed: 1, newlyRejected: 2 }),
    upserts: [integrated(C002v2, T.run1, T.run2), integrated(data.C004, T.run2), integrated(data.C009, T.run2, T.run2, 'archived')],
    rejections: [
      rejection('C001', C001bad, [R.employer, R.tutorEmail], T.run2, 0),
      rejection('C005', data.C005, [R.employer, R.tutorNom, R.tutorPrenom], T.run1, 4),
      rejection('#index:5', emptyRecord(), [R.malformed], T.run2, 5),
    ],
    newSessions: [sessionOf(data.C004)],
    changes: [
      change('updated', C002v2, T.run2, { delta: [{ field: 'nomEntreprise', before: 'Garage Martin', after: 'Garage Martin & Fils' }] }),
      change('fixed', data.C004, T.run2, { reasons: [R.employer] }),
      change('added', data.C004, T.run2),
      change('archived', data.C009, T.run2),
      change('rejected', C001bad, T.run2, { reasons: [R.employer, R.tutorEmail] }),
      change('rejected', emptyRecord(), T.run2, { codeContrat: '#index:5', reasons: [R.malformed] }),
    ],
  });

export interface Seeded {
  run1: string;
  run2: string;
  run3: string;
  other: string;
  run2Records: ReceivedRecord[];
}

export async function seed(store: Store): Promise<Seeded> {
  await store.init();
  await store.upsertOrganization({ id: ORG, name: 'CFA Rhône' });
  await store.upsertOrganization({ id: ORG2, name: 'CFA Isère' });

  const run1 = await startRun(
    store,
    ORG,
    { source: 'push', startedAt: T.run1, date: '2025-09-01' },
    received([data.C001, data.C002, data.C003, C004bad, data.C005, data.C009]),
  );
  await applyOutcome(store, ORG, run1, run1Outcome(), T.run1end);

  const run2Records = [...received([C001bad, C002v2, data.C003, data.C004, data.C005]), malformedRecord];
  const run2 = await startRun(store, ORG, { source: 'push', startedAt: T.run2, date: '2025-09-02' }, run2Records);
  await applyOutcome(store, ORG, run2, run2Outcome(), T.run2end);

  const run3 = await startRun(store, ORG, { source: 'pull', startedAt: T.run3, date: '2025-09-03' }, []);
  await store.failRun(ORG, run3, 'ERP unreachable', T.run3end);

  const otherC001 = rec({ ...data.C001, nomApprenant: 'PERSON', prenomApprenant: 'Other' });
  const other = await startRun(store, ORG2, { source: 'csv', startedAt: T.run1, date: '2025-09-01' }, received([otherC001]));
  await applyOutcome(
    store,
    ORG2,
    other,
    outcome({
      counts: counts({ received: 1, integrated: 1, added: 1 }),
      upserts: [integrated(otherC001, T.run1)],
      newSessions: [sessionOf(otherC001)],
      changes: [change('added', otherC001, T.run1)],
    }),
    T.run1end,
  );
  return { run1, run2, run3, other, run2Records };
}

/** After seed(): ÉMERY Zoé (C003) becomes ROUSSEAU, C004 (DURAND) is archived, C009 (ARNAUD Chloé) is back, C010 added. */
export async function renamingRun(store: Store): Promise<string> {
  const at = '2025-09-04T04:00:00.000Z';
  const renamed = rec({ ...data.C003, nomApprenant: 'ROUSSEAU' });
  const added = rec({ ...data.C003, codeContrat: 'C010', codeApprenant: 'L10', nomApprenant: 'NOUVEAU', prenomApprenant: 'Émile' });
  const run = await startRun(store, ORG, { source: 'push', startedAt: at, date: '2025-09-04' }, []);
  await applyOutcome(
    store,
    ORG,
    run,
    outcome({
      counts: counts({ received: 5, integrated: 5, added: 2, updated: 1, archived: 1 }),
      upserts: [
        integrated(renamed, T.run1, at),
        integrated(data.C004, T.run2, at, 'archived'),
        integrated(data.C009, at),
        integrated(added, at),
      ],
      rejections: run2Outcome().rejections,
      changes: [
        change('updated', renamed, at, { delta: [{ field: 'nomApprenant', before: 'ÉMERY', after: 'ROUSSEAU' }] }),
        change('archived', data.C004, at),
        change('added', data.C009, at),
        change('added', added, at),
      ],
    }),
    '2025-09-04T04:01:00.000Z',
  );
  return run;
}
