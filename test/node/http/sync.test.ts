import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { syncDiffResult, syncList, syncPushResult } from '../../../contract/index.ts';
import { GUARD_HELD, ORG_A, ORG_B } from './fakes.ts';
import { ERP_TOKEN_A, ERP_TOKEN_B, MAX_BODY, bearer, setup } from './setup.ts';

const json = (body: string, extra: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { ...bearer(ERP_TOKEN_A), 'Content-Type': 'application/json', ...extra },
  body,
});

const snapshot = JSON.stringify([
  { codeContrat: 'C1', nomEntreprise: 'Boulangerie', nomApprenant: 'Durand' },
  { codeContrat: 'C2', nomEntreprise: '' },
  'not an object',
  { codeContrat: 'C3', nomEntreprise: 'Garage' },
]);

/** The sync API answers in the public API's `{error, reason}` shape; `code` is added for machines. */
async function apiError(res: Response) {
  const body = (await res.json()) as { error: string; reason: string; code: string };
  assert.equal(typeof body.error, 'string', 'the public API shape: error is a phrase');
  assert.equal(body.error, body.code.toLowerCase().replace(/_/g, ' '));
  return { code: body.code, message: body.reason };
}

describe('POST /api/sync/v2/contrats', () => {
  it('imports the snapshot for the token’s organisation and reports each rejected record', async () => {
    const { app, runner } = setup();
    const res = await app.request('/api/sync/v2/contrats', json(snapshot));
    assert.equal(res.status, 200);
    const body = (await res.json()) as syncPushResult;
    assert.equal(body.runId, 'run-new');
    assert.equal(body.status, 'succeeded');
    assert.equal(body.received, 4);
    assert.equal(body.integrated, 2);
    assert.equal(body.rejected, 2);
    assert.equal(body.held, null);
    assert.deepEqual(
      body.rejections.map((r) => [r.index, r.codeContrat]),
      [
        [1, 'C2'],
        [2, '#index:2'],
      ],
    );
    assert.equal(body.rejections[0].reasons[0].code, 'EMPLOYER_MISSING');
    assert.match(body.rejections[0].reasons[0].message, /Entreprise manquante/);
    assert.equal(runner.snapshots[0].orgId, ORG_A.id);
    assert.equal(runner.snapshots[0].snapshot.source, 'push');
    assert.equal(runner.snapshots[0].snapshot.records.length, 4);
  });

  it('answers 202 with status held and the guard info when the run is held', async () => {
    const { app, runner } = setup();
    runner.mode = 'held';
    const res = await app.request('/api/sync/v2/contrats', json('[]'));
    assert.equal(res.status, 202);
    const body = (await res.json()) as syncPushResult;
    assert.equal(body.status, 'held');
    assert.deepEqual(body.held, GUARD_HELD);
  });

  it('409 when a run is already in progress', async () => {
    const { app, runner } = setup();
    runner.mode = 'busy';
    const res = await app.request('/api/sync/v2/contrats', json('[]'));
    assert.equal(res.status, 409);
    assert.equal((await apiError(res)).code, 'RUN_IN_PROGRESS');
  });

  it('500 RUN_FAILED without leaking the run error when the run failed', async () => {
    const { app, runner, errors } = setup();
    runner.mode = 'failed';
    const res = await app.request('/api/sync/v2/contrats', json('[]'));
    assert.equal(res.status, 500);
    const text = await res.text();
    assert.match(text, /RUN_FAILED/);
    assert.doesNotMatch(text, /secret/);
    assert.equal(errors.length, 1);
  });

  it('400 on a body that is not UTF-8 (a Windows-1252 export posted as is), nothing imported', async () => {
    const { app, runner } = setup();
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode('[{"codeContrat":"C1","nomApprenant":"H'),
      0xe9,
      ...new TextEncoder().encode('l\u00e8ne"}]'),
    ]);
    const res = await app.request('/api/sync/v2/contrats', {
      method: 'POST',
      headers: { ...bearer(ERP_TOKEN_A), 'Content-Type': 'application/json' },
      body: latin1,
    });
    assert.equal(res.status, 400);
    const err = await apiError(res);
    assert.equal(err.code, 'INVALID_ENCODING');
    assert.match(err.message, /UTF-8/);
    assert.equal(runner.snapshots.length, 0);
  });

  it('400 naming the position on malformed JSON', async () => {
    const { app, runner } = setup();
    const res = await app.request('/api/sync/v2/contrats', json('[{"codeContrat":"C1"} {"codeContrat":"C2"}]'));
    assert.equal(res.status, 400);
    const err = await apiError(res);
    assert.equal(err.code, 'INVALID_BODY');
    assert.match(err.message, /position 22/);
    assert.equal(runner.snapshots.length, 0);
    // Node 20 gives no position for this one: it is still named.
    const noPos = await app.request('/api/sync/v2/contrats', json('[\n{"codeContrat":}]'));
    assert.equal(noPos.status, 400);
    assert.match((await apiError(noPos)).message, /ligne 2, colonne 16/);
  });

  it('400 on a body that is not an array, and on an empty body', async () => {
    const { app } = setup();
    const obj = await app.request('/api/sync/v2/contrats', json('{"codeContrat":"C1"}'));
    assert.equal(obj.status, 400);
    assert.match((await apiError(obj)).message, /tableau JSON/);
    const empty = await app.request('/api/sync/v2/contrats', json(''));
    assert.equal(empty.status, 400);
  });

  it('413 naming the limit when the declared Content-Length is too big', async () => {
    const { app, runner } = setup();
    const res = await app.request('/api/sync/v2/contrats', json('[]', { 'Content-Length': String(MAX_BODY * 10) }));
    assert.equal(res.status, 413);
    const err = await apiError(res);
    assert.equal(err.code, 'PAYLOAD_TOO_LARGE');
    assert.match(err.message, new RegExp(String(MAX_BODY)));
    assert.equal(runner.snapshots.length, 0);
  });

  it('413 when the actual body is too big, whatever the headers say', async () => {
    const { app } = setup();
    const big = JSON.stringify([{ codeContrat: 'x'.repeat(MAX_BODY) }]);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    });
    const res = await app.request('/api/sync/v2/contrats', {
      method: 'POST',
      headers: { ...bearer(ERP_TOKEN_A), 'Content-Type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    assert.equal(res.status, 413);
    assert.match((await apiError(res)).message, new RegExp(String(MAX_BODY)));
  });

  it('a body exactly at the limit is accepted', async () => {
    const { app } = setup();
    const base = '[{"codeContrat":"C1","nomEntreprise":"E","pad":""}]';
    const body = base.replace('"pad":""', `"pad":"${'p'.repeat(MAX_BODY - base.length)}"`);
    assert.equal(body.length, MAX_BODY);
    const res = await app.request('/api/sync/v2/contrats', json(body));
    assert.equal(res.status, 200);
  });
});

describe('POST /api/sync/v1/contrats-diff', () => {
  it('answers the dry run’s counts', async () => {
    const { app, runner } = setup();
    const res = await app.request('/api/sync/v1/contrats-diff', json(snapshot));
    assert.equal(res.status, 200);
    const diff = (await res.json()) as syncDiffResult;
    assert.deepEqual(diff.counts, { same: 0, added: 4, updated: 0, removed: 0, rejected: 0 });
    assert.deepEqual(diff.added, JSON.parse(snapshot));
    assert.equal(runner.snapshots[0].dry, true);
  });

  it('same body checks (400, 413)', async () => {
    const { app } = setup();
    assert.equal((await app.request('/api/sync/v1/contrats-diff', json('"x"'))).status, 400);
    assert.equal((await app.request('/api/sync/v1/contrats-diff', json('[]', { 'Content-Length': '999999' }))).status, 413);
  });
});

describe('GET /api/sync/v1/contrats and contrats-get-all', () => {
  it('pages integrated contracts: limit defaults to 100, page is 1-based', async () => {
    const { app } = setup();
    const first = (await (await app.request('/api/sync/v1/contrats', { headers: bearer(ERP_TOKEN_A) })).json()) as syncList;
    assert.equal(first.total, 250);
    assert.equal(first.contrats.length, 100);
    assert.equal(first.contrats[0].codeContrat, 'C00000');
    const third = (await (
      await app.request('/api/sync/v1/contrats?limit=100&page=3', { headers: bearer(ERP_TOKEN_A) })
    ).json()) as syncList;
    assert.equal(third.contrats.length, 50);
    assert.equal(third.contrats[0].codeContrat, 'C00200');
  });

  it('get-all lists the records last received', async () => {
    const { app } = setup();
    const res = (await (
      await app.request('/api/sync/v1/contrats-get-all?limit=1000', { headers: bearer(ERP_TOKEN_A) })
    ).json()) as syncList;
    assert.equal(res.total, 251);
    assert.equal(res.contrats.length, 251);
    assert.equal(res.contrats[0].codeContrat, 'R0');
  });

  it('each token sees its own organisation', async () => {
    const { app } = setup();
    const res = (await (await app.request('/api/sync/v1/contrats', { headers: bearer(ERP_TOKEN_B) })).json()) as syncList;
    assert.deepEqual(res, { total: 1, contrats: [{ codeContrat: 'B-SECRET' }] });
  });

  it('400 naming limit or page when out of range', async () => {
    const { app } = setup();
    for (const [q, name] of [
      ['limit=1001', 'limit'],
      ['limit=0', 'limit'],
      ['limit=abc', 'limit'],
      ['page=0', 'page'],
      ['page=1.5', 'page'],
    ]) {
      const res = await app.request(`/api/sync/v1/contrats?${q}`, { headers: bearer(ERP_TOKEN_A) });
      assert.equal(res.status, 400, q);
      const err = await apiError(res);
      assert.equal(err.code, 'INVALID_PARAMETER');
      assert.match(err.message, new RegExp(`«\\s${name}\\s»`));
    }
  });
});

describe('GET /api/sync/v1/test', () => {
  it('names the organisation of the token', async () => {
    const { app } = setup();
    const res = await app.request('/api/sync/v1/test', { headers: bearer(ERP_TOKEN_B) });
    assert.deepEqual(await res.json(), { value: 'token valid', name: ORG_B.name });
  });
});

describe('sync API errors (its own onError)', () => {
  it('an unknown sync route is a 404 in the public API shape, an unknown admin route in the admin shape', async () => {
    const { app } = setup();
    const sync = await app.request('/api/sync/v9/nothing', { headers: bearer(ERP_TOKEN_A) });
    assert.equal(sync.status, 404);
    const err = await apiError(sync);
    assert.equal(err.code, 'NOT_FOUND');
    assert.match(err.message, /GET \/api\/sync\/v9\/nothing/);
    const admin = await app.request('/api/erp-sync/nothing');
    assert.equal(((await admin.json()) as { error: { code: string } }).error.code, 'UNAUTHORIZED');
  });

  it('a bad token is answered in the public API shape', async () => {
    const { app } = setup();
    const res = await app.request('/api/sync/v1/test', { headers: bearer('not-a-token-of-anyone') });
    assert.equal(res.status, 401);
    assert.equal((await apiError(res)).code, 'INVALID_TOKEN');
  });
});
