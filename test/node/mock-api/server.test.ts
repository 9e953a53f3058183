import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateErp, toYpareo } from '../../../mock-api/fake-erp/index.ts';
import { startFakeErpServer, type FakeErpServer } from '../../../mock-api/fake-erp/server.ts';

describe('fake ERP: HTTP server (real HTTP on 127.0.0.1)', () => {
  const erp = generateErp({ seed: 5, contracts: 450, days: 5, startDate: '2025-10-01' });
  const key = 'demo-key-0123456789';
  let server: FakeErpServer;

  before(async () => {
    server = await startFakeErpServer({ erp, apiKey: key, port: 0, day: () => 4 });
  });
  after(() => server.close());

  const get = (path: string, headers: Record<string, string> = { 'X-Auth-Token': key }) => fetch(`${server.url}${path}`, { headers });

  it('refuses a missing or wrong key with 401', async () => {
    assert.equal((await get('/r/v1/contrats', {})).status, 401);
    const res = await get('/r/v1/contrats', { 'X-Auth-Token': 'nope' });
    assert.equal(res.status, 401);
    assert.equal(((await res.json()) as { error: string }).error, 'invalid token');
  });

  it('pages through the day served, in the Ypareo shape', async () => {
    const expected = erp.snapshot(4).map(toYpareo);
    const items: unknown[] = [];
    for (let page = 1; ; page++) {
      const res = await get(`/r/v1/contrats?page=${page}&limit=200`);
      assert.equal(res.status, 200);
      const body = (await res.json()) as { total: number; page: number; limit: number; contrats: unknown[] };
      assert.equal(body.total, expected.length);
      assert.equal(body.page, page);
      assert.equal(body.limit, 200);
      if (body.contrats.length === 0) break;
      items.push(...body.contrats);
    }
    assert.deepEqual(items, expected);
    assert.equal((await get('/r/v1/contrats?limit=0')).status, 400);
  });

  it('serves the pinned day after setDay, and reports it on /health', async () => {
    server.setDay(0);
    const health = (await (await get('/r/v1/health', {})).json()) as { day: number; date: string };
    assert.deepEqual(health, { status: 'ok', day: 0, date: '2025-10-01' });
    const body = (await (await get('/r/v1/contrats?page=1&limit=5')).json()) as { total: number };
    assert.equal(body.total, erp.snapshot(0).length);
    assert.throws(() => server.setDay(5), RangeError);
  });
});
