/**
 * One behavioural suite for every Store implementation (SQLite, memory, later PostgreSQL).
 * Each test gets a fresh store from makeStore() and seeds it with fixtures.ts.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { emptyRecord, sessionKey } from '../../../contract/index.ts';
import type { ContractsFilter, Store } from '../../../server/store/store.ts';
import { fingerprint } from '../../../server/core/fingerprint.ts';
import { recordFields } from '../../../server/core/diff.ts';
import { RunInProgressError } from '../../../server/store/store.ts';
import type { Rejection } from '../../../server/core/types.ts';
import {
  C001bad,
  C002v2,
  C004bad,
  FOREVER,
  ORG,
  ORG2,
  R,
  T,
  applyOutcome,
  change,
  counts,
  data,
  guardOf,
  integrated,
  malformedRecord,
  outcome,
  rec,
  received,
  receivedOf,
  rejection,
  renamingRun,
  run2Outcome,
  seed,
  sessionOf,
  shown,
  startRun,
} from './fixtures.ts';
import { checkAnonymisation } from './retention-checks.ts';

export interface StoreHandle {
  store: Store;
  cleanup(): Promise<void>;
}

async function codes(store: Store, f: Partial<ContractsFilter>, orgId = ORG): Promise<string[]> {
  const r = await store.listContracts(orgId, { status: 'integrated', limit: 50, offset: 0, ...f });
  return r.items.map((i) => i.codeContrat);
}

/** Everything a reader can see of an org: used to prove that a failed apply changed nothing. */
export async function observe(store: Store, orgId = ORG): Promise<unknown> {
  const reader = await store.stateReader(orgId);
  const state = {
    contracts: (await reader.contracts([...reader.fingerprints.keys()])).sort((a, b) => (a.code < b.code ? -1 : 1)),
    fingerprints: [...reader.fingerprints].sort(),
    rejections: [...reader.rejections].sort(),
    sessions: reader.sessions,
  };
  const lists = [];
  for (const status of ['integrated', 'rejected', 'archived'] as const)
    lists.push(await store.listContracts(orgId, { status, limit: 500, offset: 0 }));
  return {
    contracts: state.contracts,
    fingerprints: state.fingerprints,
    rejections: state.rejections,
    sessions: [...state.sessions].sort(),
    lists,
    summary: await store.summary(orgId),
    days: await store.historyDays(orgId, { limit: 366 }),
    trend: await store.trend(orgId, 366),
  };
}

export function storeSuite(name: string, makeStore: () => Promise<StoreHandle>): void {
  describe(`Store contract: ${name}`, () => {
    async function withStore(fn: (store: Store) => Promise<void>): Promise<void> {
      const h = await makeStore();
      try {
        await fn(h.store);
      } finally {
        await h.cleanup();
      }
    }
    const it = (title: string, fn: (store: Store) => Promise<void>) => test(title, () => withStore(fn));

    it('init is idempotent and organisations are upserted', async (store) => {
      await store.init();
      await store.init();
      await store.upsertOrganization({ id: ORG, name: 'old' });
      await store.upsertOrganization({ id: ORG, name: 'CFA Rhône' });
      assert.deepEqual(await store.summary(ORG), { lastRun: null, totals: { integrated: 0, rejected: 0, archived: 0 }, topReasons: [] });
    });

    it('an opened run keeps every received record verbatim, in order, across appends', async (store) => {
      await store.init();
      await store.upsertOrganization({ id: ORG, name: 'CFA' });
      const records = [
        ...received([data.C001, data.C002]),
        malformedRecord,
        { index: 3, line: 9, raw: ['a', 1, true, { 'Prénom tuteur entreprise': 'Émile' }], fields: { nomApprenant: 'X' } },
      ];
      const id = await store.openRun(ORG, { source: 'csv', startedAt: T.run1, date: '2025-09-01', now: T.run1, leaseUntil: FOREVER });
      await store.appendReceived(ORG, id, records.slice(0, 3));
      await store.appendReceived(ORG, id, records.slice(3));
      assert.deepEqual(await receivedOf(store, ORG, id), records);
      const run = await store.getRun(ORG, id);
      assert.deepEqual(run, {
        id,
        source: 'csv',
        status: 'running',
        startedAt: T.run1,
        finishedAt: null,
        date: '2025-09-01',
        counts: counts({}),
        error: null,
        failure: null,
        held: null,
        truncated: false,
        progress: null,
        events: [],
      });
      assert.equal(await store.getRun(ORG2, id), null, 'a run is only visible to its org');
      assert.deepEqual(await receivedOf(store, ORG2, id), []);
      await assert.rejects(
        store.openRun('nope', { source: 'push', startedAt: T.run1, date: '2025-09-01', now: T.run1, leaseUntil: FOREVER }),
        'unknown organisation',
      );
    });

    it('run ids are unique and sort in creation order', async (store) => {
      await store.init();
      await store.upsertOrganization({ id: ORG, name: 'CFA' });
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) {
        const id = await startRun(store, ORG, { source: 'push', startedAt: T.run1, date: '2025-09-01' }, []);
        await store.failRun(ORG, id, 'done', T.run1end);
        ids.push(id);
      }
      assert.equal(new Set(ids).size, ids.length);
      assert.deepEqual([...ids].sort(), ids);
    });

    it('one run at a time per organisation, held by a lease: refused while live, interrupted once expired', async (store) => {
      await store.init();
      await store.upsertOrganization({ id: ORG, name: 'CFA' });
      await store.upsertOrganization({ id: ORG2, name: 'Autre' });
      const open = (org: string, now: string, leaseUntil: string) =>
        store.openRun(org, { source: 'push', startedAt: now, date: now.slice(0, 10), now, leaseUntil });
      const a = await open(ORG, '2025-09-04T04:00:00.000Z', '2025-09-04T04:02:00.000Z');
      await assert.rejects(
        open(ORG, '2025-09-04T04:01:00.000Z', FOREVER),
        (err: unknown) => err instanceof RunInProgressError && err.runId === a,
      );
      const b = await open(ORG2, '2025-09-04T04:01:00.000Z', FOREVER);
      assert.ok(b, 'another organisation is not held');
      // A heartbeat extends the lease and publishes progress.
      assert.equal(await store.heartbeat(ORG, a, '2025-09-04T04:05:00.000Z', { phase: 'checking', done: 10, total: 40 }), true);
      assert.deepEqual((await store.getRun(ORG, a))?.progress, { phase: 'checking', done: 10, total: 40 });
      await assert.rejects(open(ORG, '2025-09-04T04:04:00.000Z', FOREVER), RunInProgressError);
      // Past the lease (a killed process stops beating): the next run takes over, the old one is interrupted.
      const c = await open(ORG, '2025-09-04T04:06:00.000Z', FOREVER);
      const old = await store.getRun(ORG, a);
      assert.deepEqual(
        [old?.status, old?.error, old?.finishedAt, old?.progress],
        ['failed', 'interrupted', '2025-09-04T04:06:00.000Z', null],
      );
      assert.equal(await store.heartbeat(ORG, a, FOREVER, null), false, 'an interrupted run learns it must stop');
      assert.equal((await store.getRun(ORG, c))?.status, 'running');
    });

    it('abandon: an admin gives up a running run, recorded with who did it; events of a run', async (store) => {
      await store.init();
      await store.upsertOrganization({ id: ORG, name: 'CFA' });
      const id = await store.openRun(ORG, {
        source: 'pull',
        startedAt: T.run1,
        date: '2025-09-01',
        now: T.run1,
        leaseUntil: FOREVER,
        startedBy: { sub: 'u-12', name: 'Claire Admin' },
      });
      assert.equal(await store.abandonRun(ORG2, id, { sub: 'x', name: null }, T.run1end), false, 'not another organisation’s');
      assert.equal(await store.abandonRun(ORG, id, { sub: 'u-7', name: null }, T.run1end), true);
      assert.equal(await store.abandonRun(ORG, id, { sub: 'u-7', name: null }, T.run1end), false, 'only a running run');
      const run = await store.getRun(ORG, id);
      assert.deepEqual([run?.status, run?.error, run?.finishedAt], ['failed', 'abandoned', T.run1end]);
      assert.deepEqual(run?.events, [
        { at: T.run1, action: 'started', by: { sub: 'u-12', name: 'Claire Admin' } },
        { at: T.run1end, action: 'abandoned', by: { sub: 'u-7', name: null } },
      ]);
      assert.equal(await store.heartbeat(ORG, id, FOREVER, null), false);
      // The audit reaches the Historique tab: a day lists each run with who started and abandoned it.
      const { days } = await store.historyDays(ORG, { limit: 1 });
      assert.deepEqual(days[0].runs, [
        { id, source: 'pull', status: 'failed', startedAt: T.run1, failure: 'abandoned', events: run?.events },
      ]);
    });

    it('stateReader: fingerprints, open rejections, sessions; full contracts on demand', async (store) => {
      await seed(store);
      const s = await store.stateReader(ORG);
      assert.deepEqual([...s.fingerprints.keys()].sort(), ['C001', 'C002', 'C003', 'C004', 'C009']);
      assert.deepEqual(s.fingerprints.get('C002'), { status: 'integrated', hash: fingerprint(C002v2) });
      assert.equal(s.fingerprints.get('C009')?.status, 'archived');
      assert.deepEqual(await s.contracts(['C002', 'nope', 'C009']).then((l) => l.sort((a, b) => (a.code < b.code ? -1 : 1))), [
        integrated(C002v2, T.run1, T.run2),
        integrated(data.C009, T.run2, T.run2, 'archived'),
      ]);
      assert.deepEqual([...s.rejections.keys()].sort(), ['#index:5', 'C001', 'C005']);
      assert.deepEqual(s.rejections.get('C001'), { since: T.run2, reasons: [R.employer, R.tutorEmail] });
      assert.deepEqual([...s.sessions].sort(), [sessionOf(data.C001), sessionOf(data.C002), sessionOf(data.C004)].map(sessionKey).sort());
      const other = await store.stateReader(ORG2);
      assert.equal((await other.contracts(['C001']))[0]?.data.nomApprenant, 'PERSON', 'orgs do not share codes');
      assert.equal(other.rejections.size, 0);
      assert.equal((await store.lastAppliedRun(ORG))?.date, '2025-09-02', 'the failed run3 is not an applied one');
    });

    it('stateReader reads every fingerprint of a large organisation, whatever order codes sort in', async (store) => {
      await store.init();
      await store.upsertOrganization({ id: ORG, name: 'CFA' });
      // More contracts than one page of the SQLite reader (20,000), codes sorting across pages.
      const n = 45_001;
      const upserts = Array.from({ length: n }, (_, i) =>
        integrated(data.C002, T.run1, T.run1, i % 7 === 0 ? 'archived' : 'integrated'),
      ).map((c, i) => ({ ...c, code: `K${(i * 7919) % n}`, hash: `h${i}` }));
      const id = await startRun(store, ORG, { source: 'push', startedAt: T.run1, date: '2025-09-01' }, []);
      await applyOutcome(store, ORG, id, outcome({ upserts }), T.run1);
      const s = await store.stateReader(ORG);
      assert.equal(s.fingerprints.size, n);
      for (const c of upserts) assert.deepEqual(s.fingerprints.get(c.code), { status: c.status, hash: c.hash }, c.code);
    });

    it('listContracts integrated: default order, reasons of an open rejection, sessions', async (store) => {
      await seed(store);
      const r = await store.listContracts(ORG, { status: 'integrated', limit: 50, offset: 0 });
      assert.equal(r.total, 4);
      // learner (folded) ascending: DUPONT, DURAND, ÉMERY (as "emery"), MARTIN
      assert.deepEqual(
        r.items.map((i) => i.codeContrat),
        ['C001', 'C004', 'C003', 'C002'],
      );
      const c001 = r.items[0];
      assert.equal(c001.status, 'integrated');
      assert.deepEqual(c001.data, data.C001, 'the valid version stays on the platform');
      assert.deepEqual(c001.reasons, [R.employer, R.tutorEmail]);
      assert.equal(c001.hasValidVersion, true);
      assert.deepEqual(c001.session, sessionOf(data.C001));
      assert.equal(c001.since, T.run1);
      const c002 = r.items[3];
      assert.deepEqual(c002.reasons, []);
      assert.equal(c002.updatedAt, T.run2);
      assert.deepEqual(r.reasonCounts, [
        { code: 'EMPLOYER_MISSING', count: 1 },
        { code: 'TUTOR_EMAIL_INVALID', count: 1 },
      ]);
    });

    it('listContracts rejected and archived', async (store) => {
      await seed(store);
      const r = await store.listContracts(ORG, { status: 'rejected', limit: 50, offset: 0 });
      assert.equal(r.total, 3);
      assert.deepEqual(
        r.items.map((i) => i.codeContrat),
        ['#index:5', 'C005', 'C001'],
      );
      const [bad, c005, c001] = r.items;
      assert.equal(bad.status, 'rejected');
      assert.equal(bad.session, null, 'unknown session');
      assert.equal(bad.hasValidVersion, false);
      assert.deepEqual(bad.data, emptyRecord());
      assert.deepEqual(c005.session, sessionOf(data.C005));
      assert.equal(c005.hasValidVersion, false);
      assert.equal(c005.since, T.run1, 'a rejection streak keeps its start');
      assert.equal(c005.updatedAt, T.run2end);
      assert.deepEqual(c005.reasons, [R.employer, R.tutorNom, R.tutorPrenom]);
      assert.equal(c001.hasValidVersion, true);
      assert.deepEqual(c001.data, C001bad, 'the data as last received');
      // TUTOR_MISSING appears twice on C005 but counts one contract
      assert.deepEqual(r.reasonCounts, [
        { code: 'EMPLOYER_MISSING', count: 2 },
        { code: 'ROW_MALFORMED', count: 1 },
        { code: 'TUTOR_EMAIL_INVALID', count: 1 },
        { code: 'TUTOR_MISSING', count: 1 },
      ]);

      const a = await store.listContracts(ORG, { status: 'archived', limit: 50, offset: 0 });
      assert.equal(a.total, 1);
      assert.equal(a.items[0].codeContrat, 'C009');
      assert.equal(a.items[0].status, 'archived');
      assert.equal(a.items[0].since, T.run2);
      assert.equal(a.items[0].hasValidVersion, false);
    });

    it('search: accent- and case-insensitive, any word order, prefixes, AND of words', async (store) => {
      await seed(store);
      assert.deepEqual(await codes(store, { q: 'helene dupont' }), ['C001']);
      assert.deepEqual(await codes(store, { q: 'Dupont Hélène' }), ['C001']);
      assert.deepEqual(await codes(store, { q: '  HEL   dup ' }), ['C001']);
      assert.deepEqual(await codes(store, { q: 'Émery' }), ['C003']);
      assert.deepEqual(await codes(store, { q: 'zoe' }), ['C003']);
      assert.deepEqual(await codes(store, { q: 'eclair' }), ['C001'], 'company');
      assert.deepEqual(await codes(store, { q: 'C002' }), ['C002'], 'contract code');
      assert.deepEqual(await codes(store, { q: 'c00' }), ['C001', 'C004', 'C003', 'C002']);
      assert.deepEqual(await codes(store, { q: 'mco' }), ['C001', 'C003'], 'formation');
      assert.deepEqual(await codes(store, { q: 'dupont martin' }), [], 'every word must match');
      assert.deepEqual(await codes(store, { q: 'upont' }), [], 'words match by prefix');
      assert.deepEqual(await codes(store, { q: '"*(' }), ['C001', 'C004', 'C003', 'C002'], 'no searchable word: no filter');
      assert.deepEqual(await codes(store, { status: 'rejected', q: 'léa BERN' }), ['C005']);
      assert.deepEqual(await codes(store, { status: 'archived', q: 'chloe' }), ['C009']);
      const r = await store.listContracts(ORG, { status: 'integrated', q: 'hélène', limit: 50, offset: 0 });
      assert.equal(r.total, 1);
    });

    it('search ignores invisible characters on both sides, and one organisation never finds another’s', async (store) => {
      await seed(store);
      const zero = rec({
        ...data.C003,
        codeContrat: 'C010',
        codeApprenant: 'L10',
        nomApprenant: 'Ze\u200bro',
        prenomApprenant: 'Ana\u00ADïs',
      });
      const run = await startRun(store, ORG, { source: 'push', startedAt: '2025-09-04T04:00:00.000Z', date: '2025-09-04' }, []);
      await applyOutcome(
        store,
        ORG,
        run,
        outcome({ upserts: [integrated(zero, '2025-09-04T04:00:00.000Z')], rejections: run2Outcome().rejections }),
        '2025-09-04T04:00:01.000Z',
      );
      assert.deepEqual(await codes(store, { q: 'zero anais' }), ['C010']);
      assert.deepEqual(await codes(store, { q: 'Ze\u200bro' }), ['C010']);
      // cfa2 holds a C001 too, with another person: a search in cfa1 never returns it.
      assert.deepEqual(await codes(store, { q: 'other person' }), []);
      assert.deepEqual(await codes(store, { q: 'other person' }, ORG2), ['C001']);
    });

    it('search follows every applied run (renamed, added, archived, back again) and anonymisation', async (store) => {
      await seed(store);
      // Searched first, so that a store keeping the search's data per run has read it.
      assert.deepEqual(await codes(store, { q: 'emery' }), ['C003']);
      assert.deepEqual(await codes(store, { q: 'durand paul' }), ['C004']);
      assert.deepEqual(await codes(store, { q: 'chloe' }), []);
      assert.deepEqual(await codes(store, { q: 'rousseau' }), []);
      await renamingRun(store);
      assert.deepEqual(await codes(store, { q: 'emery' }), [], 'not by its old name');
      assert.deepEqual(await codes(store, { q: 'rousseau zoe' }), ['C003'], 'by its new one');
      assert.deepEqual(await codes(store, { q: 'durand' }), [], 'archived');
      assert.deepEqual(await codes(store, { status: 'archived', q: 'durand' }), ['C004']);
      assert.deepEqual(await codes(store, { q: 'chloe' }), ['C009'], 'integrated again');
      assert.deepEqual(await codes(store, { status: 'archived', q: 'chloe' }), []);
      assert.deepEqual(await codes(store, { q: 'emile' }), ['C010'], 'added');
      assert.deepEqual(await codes(store, { q: 'atelier' }), ['C010', 'C003'], 'by learner: NOUVEAU, ROUSSEAU');
      const page = await store.listContracts(ORG, { status: 'integrated', q: 'c0', sort: 'code', limit: 2, offset: 1 });
      assert.deepEqual([page.total, page.items.map((i) => i.codeContrat)], [5, ['C002', 'C003']]);
      // Anonymising the retired (archived) contracts leaves the integrated ones searchable as they are.
      await store.anonymisePersonalData(ORG, { before: FOREVER, dryRun: false });
      assert.deepEqual(await codes(store, { status: 'archived', q: 'durand' }), [], 'anonymised');
      assert.deepEqual(await codes(store, { q: 'rousseau' }), ['C003']);
      assert.deepEqual(await codes(store, { q: 'chloe' }), ['C009']);
    });

    it('reason filter, and reason counts over the same filters minus the reason', async (store) => {
      await seed(store);
      const rej = await store.listContracts(ORG, { status: 'rejected', reason: 'EMPLOYER_MISSING', limit: 50, offset: 0 });
      assert.equal(rej.total, 2);
      assert.deepEqual(
        rej.items.map((i) => i.codeContrat),
        ['C005', 'C001'],
      );
      assert.equal(rej.reasonCounts.length, 4, 'counts ignore the reason filter');
      const withQ = await store.listContracts(ORG, { status: 'rejected', q: 'lea', reason: 'TUTOR_MISSING', limit: 50, offset: 0 });
      assert.deepEqual(
        withQ.items.map((i) => i.codeContrat),
        ['C005'],
      );
      assert.deepEqual(withQ.reasonCounts, [
        { code: 'EMPLOYER_MISSING', count: 1 },
        { code: 'TUTOR_MISSING', count: 1 },
      ]);
      const integ = await store.listContracts(ORG, { status: 'integrated', reason: 'TUTOR_EMAIL_INVALID', limit: 50, offset: 0 });
      assert.deepEqual(
        integ.items.map((i) => i.codeContrat),
        ['C001'],
      );
      const none = await store.listContracts(ORG, { status: 'integrated', reason: 'ROW_MALFORMED', limit: 50, offset: 0 });
      assert.equal(none.total, 0);
      assert.deepEqual(none.items, []);
      assert.equal(none.reasonCounts.length, 2);
    });

    it('formation filter matches the code or the name', async (store) => {
      await seed(store);
      assert.deepEqual(await codes(store, { formation: 'BTS MCO' }), ['C001', 'C003']);
      assert.deepEqual(await codes(store, { formation: 'MCO' }), ['C001', 'C003']);
      assert.deepEqual(await codes(store, { formation: 'NDRC' }), ['C002']);
      assert.deepEqual(await codes(store, { status: 'rejected', formation: 'MCO' }), ['C005', 'C001']);
      assert.deepEqual(await codes(store, { formation: 'MCO', q: 'zoe' }), ['C003']);
    });

    it('sorts by every key, both directions, with the code as tie-break; pages with limit/offset', async (store) => {
      await seed(store);
      const expected: Record<string, string[]> = {
        learner: ['C001', 'C004', 'C003', 'C002'],
        formation: ['C004', 'C001', 'C003', 'C002'],
        company: ['C003', 'C001', 'C004', 'C002'],
        group: ['C004', 'C001', 'C003', 'C002'],
        site: ['C002', 'C001', 'C003', 'C004'],
        code: ['C001', 'C002', 'C003', 'C004'],
        since: ['C001', 'C002', 'C003', 'C004'],
        dateDebut: ['C003', 'C004', 'C001', 'C002'],
        dateFin: ['C004', 'C003', 'C002', 'C001'],
      };
      const expectedDesc: Record<string, string[]> = {
        learner: ['C002', 'C003', 'C004', 'C001'],
        formation: ['C002', 'C001', 'C003', 'C004'],
        company: ['C002', 'C004', 'C001', 'C003'],
        group: ['C002', 'C001', 'C003', 'C004'],
        site: ['C004', 'C001', 'C003', 'C002'],
        code: ['C004', 'C003', 'C002', 'C001'],
        since: ['C004', 'C001', 'C002', 'C003'],
        dateDebut: ['C002', 'C001', 'C004', 'C003'],
        dateFin: ['C001', 'C002', 'C003', 'C004'],
      };
      for (const sort of Object.keys(expected) as ContractsFilter['sort'][]) {
        assert.deepEqual(await codes(store, { sort, order: 'asc' }), expected[sort as string], `${sort} asc`);
        assert.deepEqual(await codes(store, { sort, order: 'desc' }), expectedDesc[sort as string], `${sort} desc`);
      }
      const page = await store.listContracts(ORG, { status: 'integrated', limit: 2, offset: 1, sort: 'learner' });
      assert.equal(page.total, 4);
      assert.deepEqual(
        page.items.map((i) => i.codeContrat),
        ['C004', 'C003'],
      );
      const past = await store.listContracts(ORG, { status: 'integrated', limit: 2, offset: 10 });
      assert.equal(past.total, 4);
      assert.deepEqual(past.items, []);
    });

    it('getContract: platform version and open rejection', async (store) => {
      await seed(store);
      assert.deepEqual(await store.getContract(ORG, 'C001'), {
        platform: { status: 'integrated', data: data.C001, session: sessionOf(data.C001), since: T.run1, updatedAt: T.run1 },
        rejection: { data: C001bad, reasons: [R.employer, R.tutorEmail], since: T.run2, origin: null },
      });
      const c005 = await store.getContract(ORG, 'C005');
      assert.equal(c005?.platform, null);
      assert.deepEqual(c005?.rejection?.reasons, [R.employer, R.tutorNom, R.tutorPrenom]);
      assert.equal((await store.getContract(ORG, 'C009'))?.platform?.status, 'archived');
      assert.equal(await store.getContract(ORG, 'C404'), null);
      assert.equal(await store.getContract(ORG2, 'C004'), null);
    });

    it('summary: newest run, totals, top reasons', async (store) => {
      const s = await seed(store);
      const sum = await store.summary(ORG);
      assert.equal(sum.lastRun?.id, s.run3);
      assert.equal(sum.lastRun?.status, 'failed');
      assert.equal(sum.lastRun?.error, 'ERP unreachable');
      assert.deepEqual(sum.totals, { integrated: 4, rejected: 3, archived: 1 });
      assert.deepEqual(sum.topReasons, [
        { code: 'EMPLOYER_MISSING', count: 2 },
        { code: 'ROW_MALFORMED', count: 1 },
        { code: 'TUTOR_EMAIL_INVALID', count: 1 },
        { code: 'TUTOR_MISSING', count: 1 },
      ]);
      const run2 = await store.getRun(ORG, s.run2);
      assert.deepEqual(run2, {
        id: s.run2,
        source: 'push',
        status: 'succeeded',
        startedAt: T.run2,
        finishedAt: T.run2end,
        date: '2025-09-02',
        counts: counts({ received: 6, integrated: 4, rejected: 3, added: 1, updated: 1, archived: 1, fixed: 1, newlyRejected: 2 }),
        error: null,
        failure: null,
        held: null,
        truncated: false,
        progress: null,
        events: [],
      });
    });

    it('timeline: every change of one contract, newest first', async (store) => {
      const s = await seed(store);
      const tl = await store.timeline(ORG, 'C004');
      assert.deepEqual(
        tl.map((c) => [c.kind, c.runId]),
        [
          ['added', s.run2],
          ['fixed', s.run2],
          ['rejected', s.run1],
        ],
      );
      assert.deepEqual(tl[1], shown(change('fixed', data.C004, T.run2, { reasons: [R.employer] }), s.run2));
      // Added, then archived: each shows the whole record as it stood then (rebuilt, not copied).
      assert.deepEqual(await store.timeline(ORG, 'C009'), [
        shown(change('archived', data.C009, T.run2), s.run2, recordFields(data.C009, 'before')),
        shown(change('added', data.C009, T.run1), s.run1, recordFields(data.C009, 'after')),
      ]);
      assert.deepEqual(await store.timeline(ORG2, 'C004'), []);
      assert.equal((await store.timeline(ORG2, 'C001')).length, 1);
    });

    it('historyDays: runs and change counts per day, newest first, before/from/limit paging', async (store) => {
      const s = await seed(store);
      const all = await store.historyDays(ORG, { limit: 10 });
      assert.equal(all.nextBefore, null);
      assert.deepEqual(all.days, [
        {
          date: '2025-09-03',
          runs: [{ id: s.run3, source: 'pull', status: 'failed', startedAt: T.run3, failure: 'internal', events: [] }],
          added: 0,
          updated: 0,
          archived: 0,
          rejected: 0,
          fixed: 0,
        },
        {
          date: '2025-09-02',
          runs: [{ id: s.run2, source: 'push', status: 'succeeded', startedAt: T.run2, failure: null, events: [] }],
          added: 1,
          updated: 1,
          archived: 1,
          rejected: 2,
          fixed: 1,
        },
        {
          date: '2025-09-01',
          runs: [{ id: s.run1, source: 'push', status: 'succeeded', startedAt: T.run1, failure: null, events: [] }],
          added: 4,
          updated: 0,
          archived: 0,
          rejected: 2,
          fixed: 0,
        },
      ]);
      const p1 = await store.historyDays(ORG, { limit: 2 });
      assert.deepEqual(
        p1.days.map((d) => d.date),
        ['2025-09-03', '2025-09-02'],
      );
      assert.equal(p1.nextBefore, '2025-09-02');
      const p2 = await store.historyDays(ORG, { limit: 2, before: '2025-09-02' });
      assert.deepEqual(
        p2.days.map((d) => d.date),
        ['2025-09-01'],
      );
      assert.equal(p2.nextBefore, null);
      const ranged = await store.historyDays(ORG, { limit: 10, from: '2025-09-02' });
      assert.deepEqual(
        ranged.days.map((d) => d.date),
        ['2025-09-03', '2025-09-02'],
      );
      assert.equal(ranged.nextBefore, null, 'days before `from` do not count as older days');
      const one = await store.historyDays(ORG, { limit: 1, from: '2025-09-02' });
      assert.equal(one.nextBefore, '2025-09-03');
      assert.deepEqual(await store.historyDays(ORG, { limit: 10, before: '2025-09-01' }), { days: [], nextBefore: null });
      assert.deepEqual(
        (await store.historyDays(ORG2, { limit: 10 })).days.map((d) => d.date),
        ['2025-09-01'],
      );
    });

    it('historyDays with q/kind: only days with a matching change, counting only those, paged over matching days', async (store) => {
      const s = await seed(store);
      const none = { added: 0, updated: 0, archived: 0, rejected: 0, fixed: 0 };
      // The failed run's day (no change) and the days without Hélène's changes drop out; runs stay listed.
      assert.deepEqual(await store.historyDays(ORG, { limit: 10, q: 'hélène DUPONT' }), {
        days: [
          {
            date: '2025-09-02',
            runs: [{ id: s.run2, source: 'push', status: 'succeeded', startedAt: T.run2, failure: null, events: [] }],
            ...none,
            rejected: 1,
          },
          {
            date: '2025-09-01',
            runs: [{ id: s.run1, source: 'push', status: 'succeeded', startedAt: T.run1, failure: null, events: [] }],
            ...none,
            added: 1,
          },
        ],
        nextBefore: null,
      });
      const durand = await store.historyDays(ORG, { limit: 10, q: 'durand' });
      assert.deepEqual(
        durand.days.map((d) => [d.date, d.added, d.rejected, d.fixed]),
        [
          ['2025-09-02', 1, 0, 1],
          ['2025-09-01', 0, 1, 0],
        ],
      );
      const archived = await store.historyDays(ORG, { limit: 10, kind: 'archived' });
      assert.deepEqual(
        archived.days.map((d) => ({ ...d, runs: [] })),
        [{ date: '2025-09-02', runs: [], ...none, archived: 1 }],
      );
      const both = await store.historyDays(ORG, { limit: 10, q: 'dupont', kind: 'rejected' });
      assert.deepEqual(
        both.days.map((d) => [d.date, d.rejected, d.added]),
        [['2025-09-02', 1, 0]],
      );

      // The badges agree with what opening each day shows under the same filter.
      for (const f of [{ q: 'mco' }, { kind: 'added' as const }, { q: 'bts', kind: 'rejected' as const }]) {
        for (const d of (await store.historyDays(ORG, { limit: 10, ...f })).days) {
          const total = d.added + d.updated + d.archived + d.rejected + d.fixed;
          assert.ok(total > 0, `${JSON.stringify(f)} ${d.date}`);
          assert.equal(
            (await store.historyDay(ORG, d.date, { ...f, limit: 50, offset: 0 })).total,
            total,
            `${JSON.stringify(f)} ${d.date}`,
          );
        }
      }

      // Paging walks matching days only: nextBefore is the oldest shown while older matches exist.
      const p1 = await store.historyDays(ORG, { limit: 1, q: 'dupont' });
      assert.deepEqual([p1.days.map((d) => d.date), p1.nextBefore], [['2025-09-02'], '2025-09-02']);
      const p2 = await store.historyDays(ORG, { limit: 1, q: 'dupont', before: '2025-09-02' });
      assert.deepEqual([p2.days.map((d) => d.date), p2.nextBefore], [['2025-09-01'], null]);
      const ranged = await store.historyDays(ORG, { limit: 1, q: 'dupont', from: '2025-09-02' });
      assert.deepEqual([ranged.days.map((d) => d.date), ranged.nextBefore], [['2025-09-02'], null]);

      // No match, another organisation's data, and LIKE wildcards taken literally.
      for (const q of ['nobody', '_', '%', 'c00_'])
        assert.deepEqual(await store.historyDays(ORG, { limit: 10, q }), { days: [], nextBefore: null }, q);
      assert.deepEqual(await store.historyDays(ORG2, { limit: 10, q: 'dupont' }), { days: [], nextBefore: null });
      assert.deepEqual(
        (await store.historyDays(ORG2, { limit: 10, q: 'other person' })).days.map((d) => [d.date, d.added]),
        [['2025-09-01', 1]],
      );
      // A blank search filters nothing: the run-only day is back.
      assert.deepEqual(await store.historyDays(ORG, { limit: 10, q: '  ' }), await store.historyDays(ORG, { limit: 10 }));
    });

    it('historyDay: changes of a day with q, kind and paging; latest run first', async (store) => {
      await seed(store);
      const day = await store.historyDay(ORG, '2025-09-02', { limit: 50, offset: 0 });
      assert.equal(day.total, 6);
      assert.deepEqual(
        day.changes.map((c) => `${c.kind}:${c.codeContrat}`),
        ['updated:C002', 'fixed:C004', 'added:C004', 'archived:C009', 'rejected:C001', 'rejected:#index:5'],
      );
      assert.deepEqual(day.changes[0].fields, [{ field: 'nomEntreprise', before: 'Garage Martin', after: 'Garage Martin & Fils' }]);
      const rejected = await store.historyDay(ORG, '2025-09-02', { kind: 'rejected', limit: 50, offset: 0 });
      assert.deepEqual(
        rejected.changes.map((c) => c.codeContrat),
        ['C001', '#index:5'],
      );
      assert.deepEqual(rejected.changes[0].reasons, [R.employer, R.tutorEmail]);
      for (const q of ['helene', 'DUPONT hélène', 'c001', 'mco dupont']) {
        const r = await store.historyDay(ORG, '2025-09-02', { q, limit: 50, offset: 0 });
        assert.deepEqual(
          r.changes.map((c) => c.codeContrat),
          ['C001'],
          q,
        );
      }
      const page = await store.historyDay(ORG, '2025-09-02', { limit: 2, offset: 2 });
      assert.equal(page.total, 6);
      assert.deepEqual(
        page.changes.map((c) => c.codeContrat),
        ['C004', 'C009'],
      );
      assert.deepEqual(await store.historyDay(ORG, '2025-09-02', { q: 'nobody', limit: 50, offset: 0 }), { total: 0, changes: [] });
      assert.deepEqual(await store.historyDay(ORG, '2025-09-03', { limit: 50, offset: 0 }), { total: 0, changes: [] });

      // A later run of the same day comes first.
      const later = await startRun(store, ORG, { source: 'csv', startedAt: '2025-09-02T12:00:00.000Z', date: '2025-09-02' }, []);
      await applyOutcome(
        store,
        ORG,
        later,
        outcome({ rejections: run2Outcome().rejections, changes: [change('updated', data.C003, '2025-09-02T12:00:00.000Z')] }),
        '2025-09-02T12:00:01.000Z',
      );
      const again = await store.historyDay(ORG, '2025-09-02', { limit: 2, offset: 0 });
      assert.equal(again.total, 7);
      assert.deepEqual(
        again.changes.map((c) => [c.codeContrat, c.runId]),
        [
          ['C003', later],
          ['C002', (await store.historyDays(ORG, { limit: 10 })).days[1].runs[0].id],
        ],
      );
    });

    it('trend: counts of the last succeeded run of each of the last N days that had one', async (store) => {
      await seed(store);
      assert.deepEqual(await store.trend(ORG, 30), {
        points: [
          { date: '2025-09-01', integrated: 4, rejected: 2 },
          { date: '2025-09-02', integrated: 4, rejected: 3 },
        ],
      });
      const later = await startRun(store, ORG, { source: 'csv', startedAt: '2025-09-02T12:00:00.000Z', date: '2025-09-02' }, []);
      await applyOutcome(
        store,
        ORG,
        later,
        outcome({ counts: counts({ integrated: 40, rejected: 30 }), rejections: run2Outcome().rejections }),
        '2025-09-02T12:00:01.000Z',
      );
      assert.deepEqual((await store.trend(ORG, 30)).points.at(-1), { date: '2025-09-02', integrated: 40, rejected: 30 });
      assert.deepEqual(
        (await store.trend(ORG, 1)).points.map((p) => p.date),
        ['2025-09-02'],
      );
      assert.deepEqual(await store.trend(ORG2, 30), { points: [{ date: '2025-09-01', integrated: 1, rejected: 0 }] });
    });

    it('syncContracts: integrated in the public shape, paged; received = the last run that received records', async (store) => {
      const s = await seed(store);
      const p1 = await store.syncContracts(ORG, 'integrated', { limit: 3, page: 1 });
      assert.equal(p1.total, 4);
      assert.deepEqual(
        p1.contrats.map((c) => c.codeContrat),
        ['C001', 'C002', 'C003'],
      );
      const c001 = p1.contrats[0];
      assert.equal(c001.dateDebut, '01/09/2025');
      assert.equal(c001.dateFin, '31/08/2027');
      assert.equal(c001.nomApprenant, 'DUPONT');
      assert.equal('siretEntreprise' in c001, false, 'extensions only when set');
      assert.equal('dateResiliation' in c001, false);
      assert.equal(p1.contrats[1].siretEntreprise, '12345678901234');
      assert.equal(p1.contrats[1].nomEntreprise, 'Garage Martin & Fils');
      const p2 = await store.syncContracts(ORG, 'integrated', { limit: 3, page: 2 });
      assert.deepEqual(
        p2.contrats.map((c) => c.codeContrat),
        ['C004'],
      );

      // run3 (failed, nothing received) is newer, but run2 is the last snapshot received.
      const rec = await store.syncContracts(ORG, 'received', { limit: 4, page: 2 });
      assert.equal(rec.total, 6);
      assert.deepEqual(
        rec.contrats,
        s.run2Records.slice(4).map((r) => r.fields),
      );
      assert.deepEqual(await store.syncContracts(ORG2, 'received', { limit: 10, page: 1 }).then((r) => r.total), 1);
    });

    it('a held outcome applies nothing; a later run supersedes it; a held run can be approved', async (store) => {
      await seed(store);
      const before = await observe(store);
      const held = await startRun(
        store,
        ORG,
        { source: 'csv', startedAt: '2025-09-04T04:00:00.000Z', date: '2025-09-04' },
        received([data.C001]),
      );
      const guard = guardOf({ wouldArchive: 3, integrated: 4 });
      await applyOutcome(
        store,
        ORG,
        held,
        outcome({ status: 'held', guard, counts: counts({ received: 1, archived: 3 }) }),
        '2025-09-04T04:00:02.000Z',
        [
          { code: 'C003', kind: 'archive', fields: [] },
          { code: 'C002', kind: 'archive', fields: [] },
          { code: 'C004', kind: 'archive', fields: [] },
          { code: 'C001', kind: 'update', fields: ['nomEntreprise', 'emailMaitreApprentissage'] },
        ],
      );
      const run = await store.getRun(ORG, held);
      assert.equal(run?.status, 'held');
      assert.deepEqual(run?.held, guard);
      assert.equal(run?.finishedAt, '2025-09-04T04:00:02.000Z');
      assert.equal(run?.counts.archived, 3);
      // What approving would do, paged by learner like the Données tables, searchable like them.
      const archives = await store.heldEffects(ORG, held, { kind: 'archive', limit: 2, offset: 0 });
      assert.deepEqual(archives, {
        total: 3,
        items: [
          { code: 'C004', kind: 'archive', fields: [] },
          { code: 'C003', kind: 'archive', fields: [] },
        ],
      });
      assert.deepEqual(await store.heldEffects(ORG, held, { kind: 'archive', q: 'martin', limit: 10, offset: 0 }), {
        total: 1,
        items: [{ code: 'C002', kind: 'archive', fields: [] }],
      });
      assert.deepEqual((await store.heldEffects(ORG, held, { kind: 'update', limit: 10, offset: 0 })).items, [
        { code: 'C001', kind: 'update', fields: ['nomEntreprise', 'emailMaitreApprentissage'] },
      ]);
      assert.equal((await store.heldEffects(ORG2, held, { limit: 10, offset: 0 })).total, 0, 'another organisation sees nothing');
      const after = (await observe(store)) as { contracts: unknown; rejections: unknown; sessions: unknown; lists: unknown };
      const b = before as typeof after;
      assert.deepEqual([after.contracts, after.rejections, after.sessions, after.lists], [b.contracts, b.rejections, b.sessions, b.lists]);
      const day = (await store.historyDays(ORG, { limit: 1 })).days[0];
      assert.deepEqual(day, {
        date: '2025-09-04',
        runs: [{ id: held, source: 'csv', status: 'held', startedAt: '2025-09-04T04:00:00.000Z', failure: null, events: [] }],
        added: 0,
        updated: 0,
        archived: 0,
        rejected: 0,
        fixed: 0,
      });

      // The next day's run is applied: the held snapshot is now stale.
      const next = await startRun(store, ORG, { source: 'csv', startedAt: '2025-09-05T04:00:00.000Z', date: '2025-09-05' }, []);
      await applyOutcome(store, ORG, next, outcome({ rejections: run2Outcome().rejections }), '2025-09-05T04:00:01.000Z');
      assert.equal((await store.getRun(ORG, held))?.status, 'superseded');
      assert.equal((await store.getRun(ORG, next))?.status, 'succeeded');
      assert.equal((await store.heldEffects(ORG, held, { limit: 10, offset: 0 })).total, 0, 'a superseded run has nothing to preview');
      await assert.rejects(applyOutcome(store, ORG, held, outcome({}), '2025-09-05T05:00:00.000Z'), 'a superseded run cannot be applied');
      assert.equal(await store.resumeHeld(ORG, held, { now: '2025-09-05T05:00:00.000Z', leaseUntil: FOREVER }), false);

      // Approval: the held run is taken back to work (leased like a new run), then applied.
      const held2 = await startRun(store, ORG, { source: 'csv', startedAt: '2025-09-06T04:00:00.000Z', date: '2025-09-06' }, []);
      await applyOutcome(store, ORG, held2, outcome({ status: 'held', guard }), '2025-09-06T04:00:01.000Z');
      const blocker = await startRun(store, ORG, { source: 'csv', startedAt: '2025-09-06T04:30:00.000Z', date: '2025-09-06' }, []);
      await assert.rejects(store.resumeHeld(ORG, held2, { now: '2025-09-06T04:31:00.000Z', leaseUntil: FOREVER }), RunInProgressError);
      await store.failRun(ORG, blocker, 'stopped', '2025-09-06T04:32:00.000Z');
      assert.equal(await store.resumeHeld(ORG, held2, { now: '2025-09-06T04:59:00.000Z', leaseUntil: FOREVER }), true);
      assert.equal((await store.getRun(ORG, held2))?.status, 'running');
      await store.recordRunEvent(ORG, held2, { at: '2025-09-06T04:59:00.000Z', action: 'approved', by: { sub: 'u-1', name: 'Anne' } });
      await applyOutcome(
        store,
        ORG,
        held2,
        outcome({
          upserts: [integrated(data.C002, T.run1, '2025-09-06T05:00:00.000Z', 'archived')],
          changes: [change('archived', data.C002, '2025-09-06T05:00:00.000Z')],
        }),
        '2025-09-06T05:00:01.000Z',
      );
      const approved = await store.getRun(ORG, held2);
      assert.equal(approved?.status, 'succeeded');
      assert.equal(approved?.held, null);
      assert.deepEqual(approved?.events, [{ at: '2025-09-06T04:59:00.000Z', action: 'approved', by: { sub: 'u-1', name: 'Anne' } }]);
      const approvedDay = (await store.historyDays(ORG, { limit: 1 })).days[0];
      assert.deepEqual(
        approvedDay.runs.map((r) => [r.id, r.status, r.events]),
        [
          [held2, 'succeeded', approved?.events],
          [blocker, 'failed', []],
        ],
        'who approved a run is listed with it in its day',
      );
      assert.deepEqual(await codes(store, { status: 'archived' }), ['C009', 'C002'], 'ARNAUD before MARTIN');
    });

    it("runRejections: a run's rejections by position, paged — the last applied run's and a held run's only", async (store) => {
      const s = await seed(store);
      const applied = await store.runRejections(ORG, s.run2, { limit: 2, offset: 0 });
      assert.deepEqual(applied && { total: applied.total, keys: applied.rejections.map((r) => [r.index, r.code]) }, {
        total: 3,
        keys: [
          [0, 'C001'],
          [4, 'C005'],
        ],
      });
      assert.deepEqual(
        (await store.runRejections(ORG, s.run2, { limit: 2, offset: 2 }))?.rejections.map((r) => r.code),
        ['#index:5'],
      );
      assert.equal(await store.runRejections(ORG, s.run1, { limit: 10, offset: 0 }), null, 'an older run: its rejections are gone');
      assert.equal(await store.runRejections(ORG2, s.run2, { limit: 10, offset: 0 }), null, 'another organisation');
      const held = await startRun(store, ORG, { source: 'push', startedAt: '2025-09-04T04:00:00.000Z', date: '2025-09-04' }, []);
      const heldRejections = [rejection('C004', C004bad, [R.employer], '2025-09-04T04:00:00.000Z', 7)];
      await applyOutcome(
        store,
        ORG,
        held,
        outcome({ status: 'held', guard: guardOf({ wouldArchive: 3, integrated: 4 }), rejections: heldRejections }),
        '2025-09-04T04:00:01.000Z',
      );
      assert.deepEqual(await store.runRejections(ORG, held, { limit: 10, offset: 0 }), { total: 1, rejections: heldRejections });
      assert.equal(
        (await store.runRejections(ORG, s.run2, { limit: 10, offset: 0 }))?.total,
        3,
        'a held run applies none of its rejections',
      );
    });

    it('the open rejections after a run are exactly its own: changed data, reasons and positions, gone ones, times', async (store) => {
      await seed(store);
      // Day 4: C005's learner renamed and only one reason left, C001 unchanged but further down the
      // file, the malformed row fixed (gone), C003 newly rejected.
      const C005v2 = { ...data.C005, nomApprenant: 'ZORRO', nomMaitreApprentissage: 'Martin', prenomMaitreApprentissage: 'Jo' };
      const C003bad = { ...data.C003, nomEntreprise: '' };
      const run4 = await startRun(store, ORG, { source: 'push', startedAt: '2025-09-04T04:00:00.000Z', date: '2025-09-04' }, []);
      const end4 = '2025-09-04T04:01:00.000Z';
      await applyOutcome(
        store,
        ORG,
        run4,
        outcome({
          counts: counts({ received: 3, rejected: 3, newlyRejected: 1 }),
          rejections: [
            rejection('C005', C005v2, [R.employer], T.run1, 2),
            rejection('C001', C001bad, [R.employer, R.tutorEmail], T.run2, 7),
            rejection('C003', C003bad, [R.employer], '2025-09-04T04:00:00.000Z', 1),
          ],
        }),
        end4,
      );
      const rejected = (f: Partial<ContractsFilter> = {}) => store.listContracts(ORG, { status: 'rejected', limit: 50, offset: 0, ...f });
      const all = await rejected({ sort: 'code' });
      assert.deepEqual(
        all.items.map((i) => [i.codeContrat, i.reasons.map((r) => r.code), i.since, i.updatedAt]),
        [
          ['C001', ['EMPLOYER_MISSING', 'TUTOR_EMAIL_INVALID'], T.run2, end4],
          ['C003', ['EMPLOYER_MISSING'], '2025-09-04T04:00:00.000Z', end4],
          ['C005', ['EMPLOYER_MISSING'], T.run1, end4],
        ],
      );
      assert.deepEqual(all.items.find((i) => i.codeContrat === 'C005')?.data, C005v2, 'the data as last received');
      assert.deepEqual(
        (await rejected({ q: 'zorro' })).items.map((i) => i.codeContrat),
        ['C005'],
        'searched by its new name',
      );
      assert.deepEqual((await rejected({ q: 'bernard' })).items, [], 'not by its old one');
      assert.equal((await rejected({ reason: 'TUTOR_MISSING' })).total, 0, 'a reason gone is gone from the filter');
      assert.equal((await rejected({ reason: 'ROW_MALFORMED' })).total, 0, 'the fixed row is no longer rejected');
      assert.deepEqual(all.reasonCounts, [
        { code: 'EMPLOYER_MISSING', count: 3 },
        { code: 'TUTOR_EMAIL_INVALID', count: 1 },
      ]);
      const byPosition = await store.runRejections(ORG, run4, { limit: 10, offset: 0 });
      assert.deepEqual(
        byPosition?.rejections.map((r) => [r.index, r.code]),
        [
          [1, 'C003'],
          [2, 'C005'],
          [7, 'C001'],
        ],
      );
      const reader = await store.stateReader(ORG);
      assert.deepEqual([...reader.rejections.keys()].sort(), ['C001', 'C003', 'C005']);
    });

    it('a rejection received again unchanged keeps its row, reasons and words, and gets the new run time', async (store) => {
      await store.init();
      await store.upsertOrganization({ id: ORG, name: 'CFA' });
      const bad = { ...data.C005, nomApprenant: 'ZORRO' };
      const other = { ...data.C003, nomEntreprise: '' };
      const day = async (n: number, rejections: Rejection[]) => {
        const startedAt = `2025-09-0${n}T04:00:00.000Z`;
        const id = await startRun(store, ORG, { source: 'push', startedAt, date: `2025-09-0${n}` }, []);
        await applyOutcome(
          store,
          ORG,
          id,
          outcome({ counts: counts({ rejected: rejections.length }), rejections }),
          `2025-09-0${n}T04:01:00.000Z`,
        );
      };
      await day(1, [rejection('C005', bad, [R.employer, R.tutorNom], T.run1, 0), rejection('C003', other, [R.tutorNom], T.run1, 1)]);
      // Day 2: C005 exactly as the day before, C003 fixed (gone); day 3: C005 the same again, C003
      // rejected again for another reason only.
      await day(2, [rejection('C005', bad, [R.employer, R.tutorNom], T.run1, 0)]);
      const since3 = '2025-09-03T04:00:00.000Z';
      await day(3, [rejection('C005', bad, [R.employer, R.tutorNom], T.run1, 0), rejection('C003', other, [R.employer], since3, 1)]);
      const list = await store.listContracts(ORG, { status: 'rejected', limit: 50, offset: 0, sort: 'code' });
      assert.deepEqual(
        list.items.map((i) => [i.codeContrat, i.reasons.map((r) => r.code), i.since, i.updatedAt]),
        [
          ['C003', ['EMPLOYER_MISSING'], since3, '2025-09-03T04:01:00.000Z'],
          ['C005', ['EMPLOYER_MISSING', 'TUTOR_MISSING'], T.run1, '2025-09-03T04:01:00.000Z'],
        ],
      );
      assert.deepEqual(list.reasonCounts, [
        { code: 'EMPLOYER_MISSING', count: 2 },
        { code: 'TUTOR_MISSING', count: 1 },
      ]);
      const byReason = await store.listContracts(ORG, { status: 'rejected', limit: 50, offset: 0, reason: 'TUTOR_MISSING' });
      assert.deepEqual(
        byReason.items.map((i) => i.codeContrat),
        ['C005'],
        "C003's reason of day 1 left with it",
      );
      const found = await store.listContracts(ORG, { status: 'rejected', limit: 50, offset: 0, q: 'zorro' });
      assert.deepEqual(
        found.items.map((i) => i.codeContrat),
        ['C005'],
      );
      const reader = await store.stateReader(ORG);
      assert.deepEqual([...reader.rejections.keys()].sort(), ['C003', 'C005']);
    });

    it('pruneReceived keeps the records of the newest runs and of held runs only', async (store) => {
      await store.init();
      await store.upsertOrganization({ id: ORG, name: 'CFA' });
      await store.upsertOrganization({ id: ORG2, name: 'Autre CFA' });
      const recs = received([data.C001, data.C002]);
      const start = async (org: string, day: number) => {
        const id = await startRun(
          store,
          org,
          { source: 'push', startedAt: `2025-09-0${day}T04:00:00.000Z`, date: `2025-09-0${day}` },
          recs,
        );
        await store.failRun(org, id, 'done', `2025-09-0${day}T04:00:01.000Z`);
        return id;
      };
      const r1 = await start(ORG, 1);
      const held = await startRun(store, ORG, { source: 'push', startedAt: '2025-09-02T04:00:00.000Z', date: '2025-09-02' }, recs);
      await applyOutcome(
        store,
        ORG,
        held,
        outcome({ status: 'held', guard: guardOf({ wouldArchive: 3, integrated: 4 }) }),
        '2025-09-02T04:00:01.000Z',
      );
      const r3 = await start(ORG, 3);
      const r4 = await start(ORG, 4);
      const other = await start(ORG2, 1);
      assert.equal(await store.pruneReceived(ORG, 2), 2, 'only r1 loses its records: held is kept, r3 and r4 are the newest');
      assert.deepEqual(await receivedOf(store, ORG, r1), []);
      assert.deepEqual((await receivedOf(store, ORG, held)).length, 2);
      assert.deepEqual((await receivedOf(store, ORG, r3)).length, 2);
      assert.deepEqual(await receivedOf(store, ORG, r4), recs);
      assert.deepEqual((await receivedOf(store, ORG2, other)).length, 2, 'other organisations are untouched');
      assert.ok(await store.getRun(ORG, r1), 'the run itself stays');
      assert.equal(await store.pruneReceived(ORG, 2), 0, 'idempotent');
    });

    it('anonymisePersonalData: retired contracts lose who they were about, shapes stay; a dry run first; idempotent', (store) =>
      checkAnonymisation(store, observe));

    it('a scheduled occurrence is claimed once, whoever asks first; the newest claim is remembered', async (store) => {
      await store.init();
      await store.upsertOrganization({ id: ORG, name: 'CFA' });
      await store.upsertOrganization({ id: ORG2, name: 'Autre' });
      assert.equal(await store.lastScheduledClaim(ORG), null, 'never scheduled yet');
      const night = '2025-09-04T00:00:00.000Z';
      const claims = await Promise.all([1, 2, 3].map(() => store.claimScheduledRun(ORG, night, '2025-09-04T00:00:00.010Z')));
      assert.deepEqual(
        claims.filter((c) => c),
        [true],
        'one caller only',
      );
      assert.equal(await store.claimScheduledRun(ORG2, night, '2025-09-04T00:00:00.020Z'), true, 'per organisation');
      assert.equal(await store.claimScheduledRun(ORG, '2025-09-05T00:00:00.000Z', '2025-09-05T00:00:01.000Z'), true, 'the next day');
      assert.equal(await store.claimScheduledRun(ORG, night, '2025-09-05T00:00:02.000Z'), false, 'an old occurrence stays claimed');
      assert.equal(await store.lastScheduledClaim(ORG), '2025-09-05T00:00:00.000Z');
      // Another job's occurrences (a digest) are claimed the same way, and are not an import's.
      assert.equal(await store.claimScheduledRun(ORG, 'digest:2025-09-06T05:00:00.000Z', '2025-09-06T05:00:00.000Z'), true);
      assert.equal(await store.claimScheduledRun(ORG, 'digest:2025-09-06T05:00:00.000Z', '2025-09-06T05:00:00.001Z'), false);
      assert.equal(await store.lastScheduledClaim(ORG), '2025-09-05T00:00:00.000Z');
      await assert.rejects(store.claimScheduledRun('nope', night, night), 'an unknown organisation');
    });

    it('failRun and failInterruptedRuns', async (store) => {
      const s = await seed(store);
      const at = (t: string) => `2025-09-04T${t}.000Z`;
      const a = await startRun(store, ORG, { source: 'pull', startedAt: at('04:00:00'), date: '2025-09-04' }, [], at('04:30:00'));
      const b = await startRun(store, ORG2, { source: 'csv', startedAt: at('04:00:00'), date: '2025-09-04' }, [], at('05:30:00'));
      await store.failRun(ORG, a, 'boom', at('04:10:00'));
      const failed = await store.getRun(ORG, a);
      assert.deepEqual([failed?.status, failed?.error, failed?.finishedAt], ['failed', 'boom', at('04:10:00')]);
      const before = await observe(store);
      await assert.rejects(
        applyOutcome(store, ORG, a, outcome({ upserts: [integrated(data.C005, T.run2)] }), T.run2end),
        'a failed run cannot be applied',
      );
      assert.deepEqual(await observe(store), before);

      const c = await startRun(store, ORG, { source: 'pull', startedAt: at('05:00:00'), date: '2025-09-04' }, [], at('07:00:00'));
      // At 06:00, b's lease has run out (its process is gone); c's has not (it is still working).
      assert.equal(await store.failInterruptedRuns(at('06:00:00')), 1);
      const rb = await store.getRun(ORG2, b);
      assert.deepEqual([rb?.status, rb?.error, rb?.finishedAt], ['failed', 'interrupted', at('06:00:00')]);
      assert.equal((await store.getRun(ORG, c))?.status, 'running');
      assert.equal((await store.getRun(ORG, s.run2))?.status, 'succeeded');
      assert.equal((await store.getRun(ORG, a))?.error, 'boom');
      assert.equal(await store.failInterruptedRuns(at('06:30:00')), 0);
      assert.equal(await store.failInterruptedRuns(at('07:30:00')), 1);
    });

    it('an outcome failing mid-apply changes nothing', async (store) => {
      await seed(store);
      const before = await observe(store);
      const run = await startRun(store, ORG, { source: 'push', startedAt: '2025-09-04T04:00:00.000Z', date: '2025-09-04' }, []);
      const poisoned = change('updated', data.C003, '2025-09-04T04:00:00.000Z', {
        // JSON.stringify throws on a BigInt: the failure happens after contracts and rejections were written.
        delta: [{ field: 'x', before: 1n as unknown as string, after: '' }],
      });
      await assert.rejects(
        applyOutcome(
          store,
          ORG,
          run,
          outcome({ upserts: [integrated(data.C005, '2025-09-04T04:00:00.000Z')], rejections: [], changes: [poisoned] }),
          '2025-09-04T04:00:01.000Z',
        ),
      );
      const after = (await observe(store)) as { summary: { lastRun: unknown } };
      const b = before as typeof after;
      // Only the new run row itself differs (it is still running).
      assert.deepEqual(
        { ...after, summary: { ...after.summary, lastRun: null }, days: null },
        { ...b, summary: { ...b.summary, lastRun: null }, days: null },
      );
      assert.equal((await store.getRun(ORG, run))?.status, 'running');
      await assert.rejects(applyOutcome(store, ORG, 'no-such-run', outcome({}), T.run2end));
      await assert.rejects(applyOutcome(store, ORG2, run, outcome({}), T.run2end), 'another org cannot apply this run');
    });
  });
}
