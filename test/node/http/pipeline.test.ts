/**
 * The HTTP layer over the real pieces: the in-memory store and the runner (pure core inside).
 * An ERP pushes through the sync API; the admin API reads what the store then holds.
 */
import { memorySpools } from '../../../server/core/spool.ts';
import { inThreadExecutor } from '../../../server/runner/executor.ts';
import { openMemoryInput } from '../../../server/runner/open-input.ts';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type {
  contractDetail,
  contractList,
  heldPreview,
  historyDayChanges,
  historyDays,
  summary,
  syncDiffResult,
  syncList,
  syncPushResult,
  syncRejections,
} from '../../../contract/index.ts';
import { createApp, signAdminToken } from '../../../server/http/index.ts';
import { createRunner } from '../../../server/runner/create-runner.ts';
import { createMemoryStore } from '../../../server/store/memory/index.ts';
import { ORG_A, ORG_B } from './fakes.ts';
import { ERP_TOKEN_A, ERP_TOKEN_B, NOW, SECRET, bearer, config } from './setup.ts';

function erpRecord(i: number, over: Record<string, string> = {}): Record<string, string> {
  return {
    codeContrat: `K${i}`,
    dateDebut: '01/09/2025',
    dateFin: '31/08/2027',
    nomEntreprise: `Entreprise ${i}`,
    codeGroupe: 'G1',
    nomGroupe: 'MCO 1A',
    codeSite: 'LYO',
    nomSite: 'Lyon',
    codePeriode: '2025',
    nomPeriode: '2025/2026',
    codeAnnee: 'A1',
    nomAnnee: '1ère année',
    codeFormation: 'MCO',
    nomFormation: 'BTS MCO',
    codeApprenant: `L${i}`,
    nomApprenant: `NOM${i}`,
    prenomApprenant: `Prénom${i}`,
    emailApprenant: `learner${i}@example.org`,
    codePersonnel: 'P1',
    nomPersonnel: 'PROF',
    prenomPersonnel: 'Anne',
    emailPersonnel: 'prof@example.org',
    codeMaitreApprentissage: `M${i}`,
    nomMaitreApprentissage: `TUTEUR${i}`,
    prenomMaitreApprentissage: 'Marc',
    emailMaitreApprentissage: `tutor${i}@example.org`,
    ...over,
  };
}

async function world() {
  const store = createMemoryStore();
  await store.init();
  for (const o of [ORG_A, ORG_B]) await store.upsertOrganization(o);
  const runner = createRunner({
    store,
    organizations: config.organizations,
    now: () => NOW,
    executor: inThreadExecutor({ store, spools: memorySpools, openInput: (job) => openMemoryInput(job, 1024 * 1024), now: () => NOW }),
  });
  const app = createApp({
    store,
    runner,
    config: { ...config, maxBodyBytes: 1024 * 1024, imports: { ...config.imports, asyncPushBytes: 1024 * 1024 } },
    now: () => NOW,
    logger: { error: () => undefined },
  });
  const admin = bearer(await signAdminToken(SECRET, { org: ORG_A.id, now: NOW }));
  const push = (records: unknown[]) =>
    app.request('/api/sync/v2/contrats', {
      method: 'POST',
      headers: { ...bearer(ERP_TOKEN_A), 'Content-Type': 'application/json' },
      body: JSON.stringify(records),
    });
  const get = async <T>(path: string, headers: Record<string, string> = admin) => {
    const res = await app.request(path, { headers });
    return { res, body: (await res.json()) as T };
  };
  return { app, admin, push, get };
}

const snapshot = [
  erpRecord(1),
  erpRecord(2, { nomApprenant: '=HYPERLINK("http://x","y")', prenomApprenant: '+33612345678' }),
  erpRecord(3, { nomEntreprise: '' }),
  erpRecord(4),
  erpRecord(5),
];

describe('the push answer stays small whatever was sent', () => {
  it('100 rejections at most, with the total and a route paging through the rest', async () => {
    const { push, get } = await world();
    const records = Array.from({ length: 250 }, (_, i) => erpRecord(i + 1, i % 5 === 0 ? {} : { nomEntreprise: '' }));
    const result = (await (await push(records)).json()) as syncPushResult;
    assert.equal(result.rejected, 200);
    assert.equal(result.rejections.length, 100);
    assert.equal(result.rejectionsTotal, 200);
    assert.deepEqual(
      result.rejections.slice(0, 3).map((r) => r.index),
      [1, 2, 3],
    );
    const page3 = await get<syncRejections>(`${result.rejectionsUrl}?limit=80&page=3`, bearer(ERP_TOKEN_A));
    assert.equal(page3.res.status, 200);
    assert.equal(page3.body.total, 200);
    assert.equal(page3.body.rejections.length, 40);
    assert.equal(page3.body.rejections.at(-1)?.index, 249);
    const other = await get<unknown>(`${result.rejectionsUrl}`, bearer(ERP_TOKEN_B));
    assert.equal(other.res.status, 404, "another organisation's token sees nothing");
  });

  it('20,000 empty objects: the answer is as large as for 2,000 (first 100 rejections), not reasons × records', async () => {
    const sizeFor = async (n: number) => {
      const { push } = await world();
      const res = await push(Array.from({ length: n }, () => ({})));
      assert.equal(res.status, 200);
      const text = await res.text();
      const result = JSON.parse(text) as syncPushResult;
      assert.equal(result.rejectionsTotal, n);
      assert.equal(result.rejections.length, 100);
      return text.length;
    };
    const small = await sizeFor(2_000);
    const large = await sizeFor(20_000);
    assert.ok(Math.abs(large - small) < 100, `${small} bytes for 2,000, ${large} for 20,000`);
  });
});

describe('sync API + admin API over the memory store and the runner', () => {
  it('a push is integrated per record and the admin API shows it', async () => {
    const { push, get, app, admin } = await world();
    const res = await push(snapshot);
    assert.equal(res.status, 200);
    const result = (await res.json()) as syncPushResult;
    assert.equal(result.status, 'succeeded');
    assert.equal(result.received, 5);
    assert.equal(result.integrated, 4);
    assert.deepEqual(
      result.rejections.map((r) => [r.index, r.codeContrat, r.reasons.map((x) => x.code)]),
      [[2, 'K3', ['EMPLOYER_MISSING']]],
    );
    assert.match(result.rejections[0].reasons[0].message, /Entreprise manquante/);

    const integrated = await get<syncList>('/api/sync/v1/contrats?limit=2&page=2', bearer(ERP_TOKEN_A));
    assert.equal(integrated.body.total, 4);
    assert.equal(integrated.body.contrats.length, 2);
    const received = await get<syncList>('/api/sync/v1/contrats-get-all', bearer(ERP_TOKEN_A));
    assert.equal(received.body.total, 5);

    const sum = await get<summary>('/api/erp-sync/summary');
    assert.deepEqual(sum.body.totals, { integrated: 4, rejected: 1, archived: 0 });
    assert.equal(sum.body.lastRun?.id, result.runId);
    assert.equal(sum.body.canRun, false);

    const rejected = await get<contractList>('/api/erp-sync/contracts?status=rejected&lang=en');
    assert.equal(rejected.body.total, 1);
    assert.equal(rejected.body.items[0].codeContrat, 'K3');
    assert.match(rejected.body.items[0].reasons[0].message, /^Employer missing/);

    const search = await get<contractList>('/api/erp-sync/contracts?q=nom4');
    assert.deepEqual(
      search.body.items.map((i) => i.codeContrat),
      ['K4'],
    );

    const detail = await get<contractDetail>('/api/erp-sync/contracts/K1');
    assert.equal(detail.body.contract.status, 'integrated');
    assert.equal(detail.body.validVersion?.dateDebut, '2025-09-01');
    assert.equal(detail.body.timeline[0].kind, 'added');
    const detailRej = await get<contractDetail>('/api/erp-sync/contracts/K3');
    assert.equal(detailRej.body.contract.status, 'rejected');
    assert.equal(detailRej.body.validVersion, null);

    const csv = await app.request('/api/erp-sync/contracts.csv', { headers: admin });
    const text = await csv.text();
    assert.ok(text.includes(`;"'=HYPERLINK(""http://x"",""y"")";'+33612345678;`), 'formula and phone neutralised');

    const days = await get<historyDays>('/api/erp-sync/history');
    assert.equal(days.body.days[0].date, '2026-01-15');
    assert.equal(days.body.days[0].added, 4);
    const day = await get<historyDayChanges>('/api/erp-sync/history/2026-01-15?kind=rejected');
    assert.deepEqual(
      day.body.changes.map((c) => c.codeContrat),
      ['K3'],
    );

    // the other organisation sees nothing of it
    const adminB = bearer(await signAdminToken(SECRET, { org: ORG_B.id, now: NOW }));
    assert.equal((await get<unknown>('/api/erp-sync/contracts/K1', adminB)).res.status, 404);
    assert.equal((await get<contractList>('/api/erp-sync/contracts', adminB)).body.total, 0);
  });

  it('an empty snapshot is held (202), then approved by an admin', async () => {
    const { push, app, admin, get } = await world();
    await push(snapshot);
    const held = await push([]);
    assert.equal(held.status, 202);
    const body = (await held.json()) as syncPushResult;
    assert.equal(body.status, 'held');
    assert.equal(body.held?.wouldArchive, 4);
    assert.equal((await get<contractList>('/api/erp-sync/contracts')).body.total, 4, 'nothing applied yet');

    // Before approving, the admin sees what would go: paged, searchable.
    const preview = await get<heldPreview>(`/api/erp-sync/runs/${body.runId}/preview?kind=archive&limit=3`);
    assert.equal(preview.res.status, 200);
    assert.equal(preview.body.total, 4);
    assert.equal(preview.body.items.length, 3);
    assert.equal(preview.body.run.status, 'held');
    const someone = preview.body.items[0].contract.data;
    const found = await get<heldPreview>(`/api/erp-sync/runs/${body.runId}/preview?q=${encodeURIComponent(someone.prenomApprenant)}`);
    assert.ok(found.body.items.some((i) => i.contract.codeContrat === someone.codeContrat));
    assert.ok(found.body.total < 4);

    const approve = await app.request(`/api/erp-sync/runs/${body.runId}/approve`, { method: 'POST', headers: admin });
    assert.equal(approve.status, 200);
    assert.deepEqual(await approve.json(), { runId: body.runId, status: 'succeeded' });
    assert.equal((await get<contractList>('/api/erp-sync/contracts?status=archived')).body.total, 4);
    const again = await app.request(`/api/erp-sync/runs/${body.runId}/approve`, { method: 'POST', headers: admin });
    assert.equal(again.status, 409);
  });

  it('the dry run changes nothing', async () => {
    const { app, get } = await world();
    const res = await app.request('/api/sync/v1/contrats-diff', {
      method: 'POST',
      headers: bearer(ERP_TOKEN_A),
      body: JSON.stringify(snapshot),
    });
    assert.equal(res.status, 200);
    const diff = (await res.json()) as syncDiffResult;
    assert.deepEqual(diff.counts, { same: 0, added: 4, updated: 0, removed: 0, rejected: 1 });
    // As the public API documents it: arrays of contracts, each as sent.
    assert.deepEqual(
      diff.added.map((c) => c.codeContrat),
      (snapshot as { codeContrat: string }[])
        .filter((c) => diff.rejected.every((r) => r.codeContrat !== c.codeContrat))
        .map((c) => c.codeContrat),
    );
    assert.deepEqual(diff.added[0], (snapshot as unknown[])[0]);
    assert.equal(diff.rejected.length, 1);
    assert.ok(diff.rejected[0].reasons[0].message.length > 0);
    assert.equal((await get<contractList>('/api/erp-sync/contracts')).body.total, 0);
  });
});
