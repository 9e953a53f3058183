import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PAGE_DEFAULT, type contractDetail, type contractList, type summary } from '../../../contract/index.ts';
import { signAdminToken } from '../../../server/http/index.ts';
import { BULK, ORG_A, ORG_B, RUN_OK } from './fakes.ts';
import { NOW, SECRET, bearer, setup } from './setup.ts';

const auth = async (org = ORG_A.id) => bearer(await signAdminToken(SECRET, { org, now: NOW }));

async function get<T>(app: ReturnType<typeof setup>['app'], path: string, headers?: Record<string, string>) {
  const res = await app.request(path, { headers: { ...(await auth()), ...headers } });
  return { res, body: (await res.json()) as T };
}

describe('GET /api/erp-sync/summary', () => {
  it('combines the store facts, the configured organisation and runner.canRun', async () => {
    const { app } = setup();
    const { res, body } = await get<summary>(app, '/api/erp-sync/summary');
    assert.equal(res.status, 200);
    assert.deepEqual(body.organization, ORG_A);
    assert.equal(body.lastRun?.id, RUN_OK.id);
    assert.deepEqual(body.totals, { integrated: BULK + 2, rejected: 1, archived: 0 });
    assert.equal(body.canRun, false);
    const b = (await (await app.request('/api/erp-sync/summary', { headers: await auth(ORG_B.id) })).json()) as summary;
    assert.equal(b.canRun, true);
    assert.equal(b.organization.name, ORG_B.name);
  });
});

describe('GET /api/erp-sync/contracts', () => {
  it('defaults: integrated, limit PAGE_DEFAULT, offset 0', async () => {
    const { app, store } = setup();
    const { res, body } = await get<contractList>(app, '/api/erp-sync/contracts');
    assert.equal(res.status, 200);
    assert.equal(body.total, BULK + 2);
    assert.equal(body.limit, PAGE_DEFAULT);
    assert.equal(body.offset, 0);
    assert.equal(body.items.length, PAGE_DEFAULT);
    assert.deepEqual(store.listCalls.at(-1), { status: 'integrated', limit: PAGE_DEFAULT, offset: 0 });
  });

  it('passes every filter to the store and echoes paging', async () => {
    const { app, store } = setup();
    const { body } = await get<contractList>(
      app,
      '/api/erp-sync/contracts?status=integrated&q=apprenant1&formation=MCO&sort=learner&order=desc&limit=5&offset=10',
    );
    assert.deepEqual(store.listCalls.at(-1), {
      status: 'integrated',
      q: 'apprenant1',
      formation: 'MCO',
      sort: 'learner',
      order: 'desc',
      limit: 5,
      offset: 10,
    });
    assert.equal(body.limit, 5);
    assert.equal(body.offset, 10);
    assert.equal(body.items.length, 5);
  });

  it('renders reasons with messages, French by default', async () => {
    const { app } = setup();
    const { body } = await get<contractList>(app, '/api/erp-sync/contracts?status=rejected&reason=EMPLOYER_MISSING');
    assert.equal(body.total, 1);
    const item = body.items[0];
    assert.equal(item.codeContrat, 'C-REJ');
    assert.equal(item.status, 'rejected');
    assert.deepEqual(
      item.reasons.map((r) => r.code),
      ['EMPLOYER_MISSING', 'LEARNER_EMAIL_INVALID'],
    );
    assert.match(item.reasons[0].message, /^Entreprise manquante/);
    assert.deepEqual(body.reasonCounts.map((r) => r.code).sort(), ['EMPLOYER_MISSING', 'LEARNER_EMAIL_INVALID']);
  });

  it('English from ?lang or Accept-Language; ?lang wins', async () => {
    const { app } = setup();
    const viaHeader = await get<contractList>(app, '/api/erp-sync/contracts?status=rejected', {
      'Accept-Language': 'en-GB,en;q=0.9,fr;q=0.5',
    });
    assert.match(viaHeader.body.items[0].reasons[0].message, /^Employer missing/);
    const viaParam = await get<contractList>(app, '/api/erp-sync/contracts?status=rejected&lang=fr', { 'Accept-Language': 'en' });
    assert.match(viaParam.body.items[0].reasons[0].message, /^Entreprise manquante/);
    const unsupported = await get<contractList>(app, '/api/erp-sync/contracts?status=rejected', { 'Accept-Language': 'de-DE' });
    assert.match(unsupported.body.items[0].reasons[0].message, /^Entreprise manquante/);
  });

  it('empty parameters count as absent', async () => {
    const { app } = setup();
    const { res } = await get<contractList>(app, '/api/erp-sync/contracts?q=&reason=&limit=');
    assert.equal(res.status, 200);
  });

  it('400 naming the bad parameter', async () => {
    const { app } = setup();
    for (const [q, name] of [
      ['status=lost', 'status'],
      ['reason=NOPE', 'reason'],
      ['sort=salary', 'sort'],
      ['order=up', 'order'],
      ['limit=501', 'limit'],
      ['limit=0', 'limit'],
      ['offset=-1', 'offset'],
      ['offset=x', 'offset'],
      ['lang=de', 'lang'],
    ]) {
      const { res, body } = await get<{ error: { code: string; message: string } }>(app, `/api/erp-sync/contracts?${q}`);
      assert.equal(res.status, 400, q);
      assert.equal(body.error.code, 'INVALID_PARAMETER');
      assert.match(body.error.message, new RegExp(`«\\s${name}\\s»`), q);
    }
  });
});

describe('GET /api/erp-sync/contracts/:code', () => {
  it('an integrated contract: item, valid and received versions, timeline newest first', async () => {
    const { app } = setup();
    const { res, body } = await get<contractDetail>(app, '/api/erp-sync/contracts/C-HYPER');
    assert.equal(res.status, 200);
    assert.equal(body.contract.status, 'integrated');
    assert.equal(body.contract.codeContrat, 'C-HYPER');
    assert.deepEqual(body.contract.reasons, []);
    assert.equal(body.validVersion?.codeContrat, 'C-HYPER');
    assert.equal(body.received?.codeContrat, 'C-HYPER');
    assert.deepEqual(
      body.timeline.map((c) => c.date),
      ['2026-01-15', '2026-01-14'],
    );
  });

  it('a rejected contract: reasons in the requested language, no valid version', async () => {
    const { app } = setup();
    const { body } = await get<contractDetail>(app, '/api/erp-sync/contracts/C-REJ?lang=en');
    assert.equal(body.contract.status, 'rejected');
    assert.equal(body.contract.session, null);
    assert.equal(body.validVersion, null);
    assert.equal(body.received?.nomEntreprise, '');
    assert.match(body.contract.reasons[0].message, /^Employer missing/);
    assert.match(body.timeline[0].reasons[0].message, /^Employer missing/);
  });

  it('404 for an unknown code, in the error shape', async () => {
    const { app } = setup();
    const { res, body } = await get<{ error: { code: string; message: string } }>(app, '/api/erp-sync/contracts/NOPE');
    assert.equal(res.status, 404);
    assert.equal(body.error.code, 'NOT_FOUND');
  });

  it('codes with reserved characters are addressed URL-encoded', async () => {
    const { app } = setup();
    const { res, body } = await get<contractDetail>(app, `/api/erp-sync/contracts/${encodeURIComponent('C 1/é')}`);
    assert.equal(res.status, 200);
    assert.equal(body.contract.codeContrat, 'C 1/é');
  });
});

describe('search text is bounded', () => {
  it('400 naming q past 200 characters', async () => {
    const { app } = setup();
    const token = await signAdminToken(SECRET, { org: ORG_A.id, now: NOW });
    const res = await app.request(`/api/erp-sync/contracts?q=${'dupont '.repeat(40)}`, { headers: bearer(token) });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.match(body.error.message, /«\sq\s»/);
  });
});
