/**
 * The MSW mock under Node: requests go through msw/node's interception to the real Hono app
 * over a store seeded by the real runner. Checks outcomes (what the API answers), never which
 * handler ran.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { contractList, historyDayChanges, historyDays, summary, apiError } from '../../../contract/index.ts';
import { startMockApi, type MockApi } from '../../../mock-api/node.ts';

const BASE = 'http://localhost/api/erp-sync';
const TODAY = '2025-11-28';
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

describe('MSW mock (node): the real app over a seeded store', () => {
  let mock: MockApi;
  before(async () => {
    mock = await startMockApi({ scenario: 'normal', today: TODAY, onUnhandledRequest: 'error' });
  });
  after(() => mock.stop());

  const get = async (path: string, token = mock.token) => {
    const res = await fetch(`${BASE}${path}`, { headers: { Authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as unknown };
  };

  it('answers the summary of 30 nightly runs, in the contract shape', async () => {
    const { status, body } = await get('/summary');
    assert.equal(status, 200);
    const s = summary.parse(body);
    assert.equal(s.organization.id, 'cfa-demo');
    assert.equal(s.lastRun?.status, 'succeeded');
    assert.equal(s.lastRun?.date, TODAY);
    assert.equal(s.canRun, true);
    const share = s.totals.rejected / (s.totals.integrated + s.totals.rejected);
    assert.ok(s.totals.integrated > 250 && share > 0.03 && share < 0.12, JSON.stringify(s.totals));
    assert.ok(s.topReasons.length >= 3);
  });

  it('answers exactly what the app answers when called directly', async () => {
    for (const path of ['/summary', '/contracts?status=rejected&limit=20', '/history?limit=5']) {
      const direct = await mock.backend.app.request(`/api/erp-sync${path}`, { headers: { Authorization: `Bearer ${mock.token}` } });
      assert.deepEqual((await get(path)).body, await direct.json(), path);
    }
  });

  it('searches contracts accent-insensitively ("helene" finds Hélène)', async () => {
    const { status, body } = await get('/contracts?q=helene&limit=100');
    assert.equal(status, 200);
    const list = contractList.parse(body);
    assert.ok(list.total > 0);
    assert.ok(list.items.some((c) => c.data.prenomApprenant === 'Hélène'));
    for (const c of list.items) assert.ok(fold(JSON.stringify(c.data)).includes('helene'), c.codeContrat);
  });

  it('lists rejected contracts with reasons and their French messages', async () => {
    const list = contractList.parse((await get('/contracts?status=rejected&limit=500')).body);
    assert.ok(list.total > 5);
    for (const c of list.items) assert.ok(c.reasons.length > 0 && c.reasons.every((r) => r.message.length > 0));
  });

  it('keeps hostile learner names as plain data', async () => {
    const list = contractList.parse((await get(`/contracts?q=${encodeURIComponent('onerror')}`)).body);
    assert.ok(list.items.some((c) => c.data.prenomApprenant === '<img src=x onerror=alert(1)>'));
  });

  it('has a day-by-day history with every kind of change', async () => {
    const days = historyDays.parse((await get('/history?limit=30')).body).days;
    assert.equal(days.length, 30);
    assert.equal(days[0].date, TODAY);
    const sum = (k: 'added' | 'updated' | 'archived' | 'rejected' | 'fixed') => days.slice(0, 29).reduce((n, d) => n + d[k], 0);
    for (const k of ['added', 'updated', 'archived', 'rejected', 'fixed'] as const) assert.ok(sum(k) > 0, `${k} over 29 days`);
    const busy = days.find((d) => d.updated > 0 && d.date !== days[days.length - 1].date);
    assert.ok(busy);
    const changes = historyDayChanges.parse((await get(`/history/${busy.date}?kind=updated`)).body);
    assert.ok(changes.changes[0].fields.length > 0);
  });

  it('switches scenarios: never-synced, failed, held, expired-token, server-error', async () => {
    const small = { today: TODAY, contracts: 120, days: 6 };
    const mocks = await startMockApi({ scenario: 'never-synced', ...small });
    try {
      const read = async () => {
        const res = await fetch(`${BASE}/summary`, { headers: { Authorization: `Bearer ${mocks.token}` } });
        return { status: res.status, body: (await res.json()) as unknown };
      };
      assert.equal(summary.parse((await read()).body).lastRun, null);

      await mocks.use('failed');
      const failed = summary.parse((await read()).body).lastRun;
      assert.equal(failed?.status, 'failed');
      assert.match(failed?.error ?? '', /ERP injoignable/);

      await mocks.use('held');
      const held = summary.parse((await read()).body).lastRun;
      assert.equal(held?.status, 'held');
      assert.ok((held?.held?.wouldArchive ?? 0) > 0);

      await mocks.use('expired-token');
      const expired = await read();
      assert.equal(expired.status, 401);
      assert.equal(apiError.parse(expired.body).error.message, 'Jeton expiré.');

      await mocks.use('server-error');
      const down = await read();
      assert.equal(down.status, 500);
      assert.equal(apiError.parse(down.body).error.code, 'INTERNAL');
    } finally {
      await mocks.stop();
    }
  });
});
