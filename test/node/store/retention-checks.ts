/**
 * The contract of Store.anonymisePersonalData, run by the shared store suite on every store.
 *
 * After seed() and two more runs, with the cutoff at 2025-09-05:
 *   C009  archived 2025-09-02: retired → anonymised (its row, its two history entries);
 *   C005  rejected 2025-09-01, never integrated, no longer received since run4: retired (history only);
 *   #index:5  history only, but its entry names nobody: nothing to do;
 *   C001 (integrated, open rejection), C002, C003, C004: live, untouched;
 *   run1, run2, run4 started before the cutoff: their received records go; the held run keeps its own.
 */
import assert from 'node:assert/strict';
import { recordFields } from '../../../server/core/diff.ts';
import { ANONYMISED, anonymiseRecord } from '../../../server/store/common/personal.ts';
import type { Store } from '../../../server/store/store.ts';
import {
  C001bad,
  C002v2,
  ORG,
  ORG2,
  R,
  T,
  applyOutcome,
  change,
  counts,
  data,
  guardOf,
  outcome,
  received,
  receivedOf,
  rejection,
  seed,
  shown,
  startRun,
} from './fixtures.ts';

export const CUTOFF = '2025-09-05T00:00:00.000Z';

/** seed(), then run4 (C005 is no longer received: its rejection closes) and a held run after it. */
export async function retiredScenario(store: Store) {
  const s = await seed(store);
  const run4 = await startRun(
    store,
    ORG,
    { source: 'push', startedAt: '2025-09-03T10:00:00.000Z', date: '2025-09-03' },
    received([C001bad, C002v2, data.C003, data.C004]),
  );
  await applyOutcome(
    store,
    ORG,
    run4,
    outcome({
      counts: counts({ received: 4, integrated: 4, rejected: 1 }),
      rejections: [rejection('C001', C001bad, [R.employer, R.tutorEmail], T.run2, 0)],
    }),
    '2025-09-03T10:01:00.000Z',
  );
  const held = await startRun(
    store,
    ORG,
    { source: 'push', startedAt: '2025-09-04T04:00:00.000Z', date: '2025-09-04' },
    received([data.C003]),
  );
  await applyOutcome(
    store,
    ORG,
    held,
    outcome({ status: 'held', guard: guardOf({ wouldArchive: 3, integrated: 4 }) }),
    '2025-09-04T04:00:01.000Z',
  );
  return { ...s, run4, held };
}

export async function checkAnonymisation(store: Store, observe: (store: Store, orgId?: string) => Promise<unknown>): Promise<void> {
  const s = await retiredScenario(store);
  const { run4, held } = s;
  const days = await store.historyDays(ORG, { limit: 10 });
  const summary = await store.summary(ORG);
  const live = await store.listContracts(ORG, { status: 'integrated', limit: 50, offset: 0 });
  const rejected = await store.listContracts(ORG, { status: 'rejected', limit: 50, offset: 0 });
  const org2 = await observe(store, ORG2);

  const expected = { codes: ['C005', 'C009'], changes: 3, receivedRecords: 6 + 6 + 4 };
  const untouched = await observe(store);
  assert.deepEqual(
    await store.anonymisePersonalData(ORG, { before: CUTOFF, dryRun: true }),
    expected,
    'the dry run says what would change',
  );
  assert.deepEqual(await observe(store), untouched, 'and changes nothing');
  assert.equal((await receivedOf(store, ORG, s.run1)).length, 6);

  assert.deepEqual(await store.anonymisePersonalData(ORG, { before: CUTOFF, dryRun: false }), expected);

  // The archived contract: its personal fields masked, everything else kept; its names no longer find it.
  const anonC009 = anonymiseRecord(data.C009);
  assert.equal(anonC009.nomApprenant, ANONYMISED);
  assert.equal(anonC009.nomEntreprise, data.C009.nomEntreprise);
  const archived = await store.listContracts(ORG, { status: 'archived', limit: 50, offset: 0 });
  assert.deepEqual(
    archived.items.map((i) => [i.codeContrat, i.data]),
    [['C009', anonC009]],
  );
  assert.equal((await store.listContracts(ORG, { status: 'archived', q: 'arnaud', limit: 50, offset: 0 })).total, 0);
  assert.equal((await store.listContracts(ORG, { status: 'archived', q: 'C009', limit: 50, offset: 0 })).total, 1);
  assert.equal((await store.getContract(ORG, 'C009'))?.platform?.data.emailApprenant, ANONYMISED);

  // Its history keeps its shape (same entries, same fields), values masked.
  const masked = { learner: ANONYMISED };
  assert.deepEqual(await store.timeline(ORG, 'C009'), [
    shown({ ...change('archived', data.C009, T.run2), ...masked }, s.run2, recordFields(anonC009, 'before')),
    shown({ ...change('added', data.C009, T.run1), ...masked }, s.run1, recordFields(anonC009, 'after')),
  ]);
  assert.deepEqual(await store.timeline(ORG, 'C005'), [
    shown({ ...change('rejected', data.C005, T.run1, { reasons: [R.employer, R.tutorNom, R.tutorPrenom] }), ...masked }, s.run1),
  ]);
  assert.equal(
    (await store.historyDay(ORG, '2025-09-01', { q: 'bernard', limit: 50, offset: 0 })).total,
    0,
    'history search forgets the names',
  );
  assert.equal((await store.historyDay(ORG, '2025-09-01', { q: 'C005', limit: 50, offset: 0 })).total, 1, 'codes still find it');
  assert.deepEqual(await store.historyDays(ORG, { limit: 10 }), days, 'days, runs and counts unchanged');
  assert.deepEqual(await store.summary(ORG), summary);

  // Live contracts and open rejections are untouched.
  assert.deepEqual(await store.listContracts(ORG, { status: 'integrated', limit: 50, offset: 0 }), live);
  assert.deepEqual(await store.listContracts(ORG, { status: 'rejected', limit: 50, offset: 0 }), rejected);
  assert.equal((await store.timeline(ORG, 'C002'))[0].learner, 'Jean MARTIN');

  // Received records: runs started before the cutoff lose them, the held run keeps its own.
  for (const run of [s.run1, s.run2, run4]) assert.deepEqual(await receivedOf(store, ORG, run), []);
  assert.equal((await receivedOf(store, ORG, held)).length, 1);
  assert.equal((await store.getRun(ORG, held))?.status, 'held');
  assert.equal((await receivedOf(store, ORG2, s.other)).length, 1, 'another organisation is untouched');
  assert.deepEqual(await observe(store, ORG2), org2);

  assert.deepEqual(
    await store.anonymisePersonalData(ORG, { before: CUTOFF, dryRun: false }),
    { codes: [], changes: 0, receivedRecords: 0 },
    'idempotent',
  );
  assert.deepEqual(
    await store.anonymisePersonalData(ORG, { before: '2025-09-01T00:00:00.000Z', dryRun: true }),
    {
      codes: [],
      changes: 0,
      receivedRecords: 0,
    },
    'nothing retired before an earlier cutoff',
  );
}
