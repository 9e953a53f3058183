import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PAGE_DEFAULT, type historyDayChanges, type historyDays, type trend } from '../../../contract/index.ts';
import { signAdminToken } from '../../../server/http/index.ts';
import { ORG_A } from './fakes.ts';
import { NOW, SECRET, bearer, setup } from './setup.ts';

const auth = async () => bearer(await signAdminToken(SECRET, { org: ORG_A.id, now: NOW }));

async function get<T>(app: ReturnType<typeof setup>['app'], path: string, headers: Record<string, string> = {}) {
  const res = await app.request(path, { headers: { ...(await auth()), ...headers } });
  return { res, body: (await res.json()) as T };
}

type ErrorBody = { error: { code: string; message: string } };

describe('GET /api/erp-sync/history', () => {
  it('days newest first, with paging back in time', async () => {
    const { app } = setup();
    const all = await get<historyDays>(app, '/api/erp-sync/history');
    assert.equal(all.res.status, 200);
    assert.deepEqual(
      all.body.days.map((d) => d.date),
      ['2026-01-15', '2026-01-14', '2026-01-13'],
    );
    assert.equal(all.body.nextBefore, null);
    const page = await get<historyDays>(app, '/api/erp-sync/history?limit=1&before=2026-01-15');
    assert.deepEqual(
      page.body.days.map((d) => d.date),
      ['2026-01-14'],
    );
    assert.equal(page.body.nextBefore, '2026-01-14');
    const from = await get<historyDays>(app, '/api/erp-sync/history?from=2026-01-14');
    assert.equal(from.body.days.length, 2);
  });

  it('passes q and kind to the store (the days with a matching change); none when absent', async () => {
    const { app, store } = setup();
    await get<historyDays>(app, '/api/erp-sync/history');
    assert.deepEqual(store.historyDaysCalls.at(-1), { limit: 30, before: undefined, from: undefined, q: undefined, kind: undefined });
    const { res } = await get<historyDays>(app, '/api/erp-sync/history?q=Hélène%20dupont&kind=rejected&limit=5&from=2026-01-01');
    assert.equal(res.status, 200);
    assert.deepEqual(store.historyDaysCalls.at(-1), {
      limit: 5,
      before: undefined,
      from: '2026-01-01',
      q: 'Hélène dupont',
      kind: 'rejected',
    });
  });

  it('400 naming the parameter', async () => {
    const { app } = setup();
    for (const [q, name] of [
      ['limit=0', 'limit'],
      ['limit=367', 'limit'],
      ['before=15/01/2026', 'before'],
      ['from=2026-02-30', 'from'],
      ['kind=deleted', 'kind'],
    ]) {
      const { res, body } = await get<ErrorBody>(app, `/api/erp-sync/history?${q}`);
      assert.equal(res.status, 400, q);
      assert.match(body.error.message, new RegExp(`«\\s${name}\\s»`));
    }
  });
});

describe('GET /api/erp-sync/history/trend', () => {
  it('defaults to 30 days and validates days', async () => {
    const { app } = setup();
    const { res, body } = await get<trend>(app, '/api/erp-sync/history/trend');
    assert.equal(res.status, 200);
    assert.equal(body.points.length, 1);
    assert.equal((await get<trend>(app, '/api/erp-sync/history/trend?days=7')).res.status, 200);
    const bad = await get<ErrorBody>(app, '/api/erp-sync/history/trend?days=0');
    assert.equal(bad.res.status, 400);
    assert.match(bad.body.error.message, /«\sdays\s»/);
  });
});

describe('GET /api/erp-sync/history/:date', () => {
  it("one day's changes with reasons in words, default paging", async () => {
    const { app, store } = setup();
    const { res, body } = await get<historyDayChanges>(app, '/api/erp-sync/history/2026-01-14');
    assert.equal(res.status, 200);
    assert.equal(body.date, '2026-01-14');
    assert.equal(body.total, 3);
    assert.equal(body.limit, PAGE_DEFAULT);
    assert.equal(body.offset, 0);
    const rejected = body.changes.find((c) => c.kind === 'rejected');
    assert.match(rejected?.reasons[0].message ?? '', /^Entreprise manquante/);
    assert.deepEqual(store.historyDayCalls.at(-1), { date: '2026-01-14', q: undefined, kind: undefined, limit: PAGE_DEFAULT, offset: 0 });
  });

  it('passes q, kind, limit, offset; lang=en', async () => {
    const { app, store } = setup();
    const { body } = await get<historyDayChanges>(app, '/api/erp-sync/history/2026-01-14?q=lea&kind=rejected&limit=10&offset=0&lang=en');
    assert.deepEqual(store.historyDayCalls.at(-1), { date: '2026-01-14', q: 'lea', kind: 'rejected', limit: 10, offset: 0 });
    assert.equal(body.total, 1);
    assert.match(body.changes[0].reasons[0].message, /^Employer missing/);
  });

  it('400 on a malformed or impossible date, or a bad kind', async () => {
    const { app } = setup();
    for (const path of ['/api/erp-sync/history/2026-1-14', '/api/erp-sync/history/2026-02-30', '/api/erp-sync/history/yesterday']) {
      const { res, body } = await get<ErrorBody>(app, path);
      assert.equal(res.status, 400, path);
      assert.match(body.error.message, /«\sdate\s»/);
    }
    const kind = await get<ErrorBody>(app, '/api/erp-sync/history/2026-01-14?kind=deleted');
    assert.equal(kind.res.status, 400);
    assert.match(kind.body.error.message, /«\skind\s»/);
  });
});
