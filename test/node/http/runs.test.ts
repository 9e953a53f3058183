import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { runAccepted, runSummary } from '../../../contract/index.ts';
import { signAdminToken } from '../../../server/http/index.ts';
import { ORG_A, ORG_B, RUN_OK } from './fakes.ts';
import { NOW, SECRET, bearer, setup } from './setup.ts';

const auth = async (org = ORG_A.id) => bearer(await signAdminToken(SECRET, { org, now: NOW }));
type ErrorBody = { error: { code: string; message: string } };

describe('POST /api/erp-sync/runs', () => {
  it('202 with the run id when the source can run on demand', async () => {
    const { app } = setup();
    const res = await app.request('/api/erp-sync/runs', { method: 'POST', headers: await auth(ORG_B.id) });
    assert.equal(res.status, 202);
    assert.deepEqual((await res.json()) as runAccepted, { runId: 'run-started-cfa-b', status: 'running' });
  });

  it('409 NOT_RUNNABLE for a push source', async () => {
    const { app } = setup();
    const res = await app.request('/api/erp-sync/runs', { method: 'POST', headers: await auth(ORG_A.id) });
    assert.equal(res.status, 409);
    assert.equal(((await res.json()) as ErrorBody).error.code, 'NOT_RUNNABLE');
  });

  it('409 RUN_IN_PROGRESS when a run is going on', async () => {
    const { app, runner } = setup();
    runner.mode = 'busy';
    const res = await app.request('/api/erp-sync/runs', { method: 'POST', headers: await auth(ORG_B.id) });
    assert.equal(res.status, 409);
    assert.equal(((await res.json()) as ErrorBody).error.code, 'RUN_IN_PROGRESS');
  });

  it('GET is not a route (404)', async () => {
    const { app } = setup();
    assert.equal((await app.request('/api/erp-sync/runs', { headers: await auth() })).status, 404);
  });
});

describe('POST /api/erp-sync/runs/:id/approve', () => {
  it('200 runAccepted for a held run', async () => {
    const { app } = setup();
    const res = await app.request('/api/erp-sync/runs/run-held/approve', { method: 'POST', headers: await auth() });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { runId: 'run-held', status: 'succeeded' });
  });

  it('404 RUN_NOT_FOUND, also for another organisation’s run; 409 RUN_NOT_HELD', async () => {
    const { app } = setup();
    const missing = await app.request('/api/erp-sync/runs/nope/approve', { method: 'POST', headers: await auth() });
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as ErrorBody).error.code, 'RUN_NOT_FOUND');
    const other = await app.request('/api/erp-sync/runs/run-held/approve', { method: 'POST', headers: await auth(ORG_B.id) });
    assert.equal(other.status, 404);
    const notHeld = await app.request('/api/erp-sync/runs/run-ok/approve', { method: 'POST', headers: await auth() });
    assert.equal(notHeld.status, 409);
    assert.equal(((await notHeld.json()) as ErrorBody).error.code, 'RUN_NOT_HELD');
  });
});

describe('GET /api/erp-sync/runs/:id', () => {
  it('the run summary, or 404', async () => {
    const { app } = setup();
    const res = await app.request('/api/erp-sync/runs/run-ok', { headers: await auth() });
    assert.equal(res.status, 200);
    assert.deepEqual((await res.json()) as runSummary, RUN_OK);
    const missing = await app.request('/api/erp-sync/runs/run-zzz', { headers: await auth() });
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as ErrorBody).error.code, 'NOT_FOUND');
  });
});
