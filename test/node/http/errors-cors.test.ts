import { Hono } from 'hono';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signAdminToken } from '../../../server/http/index.ts';
import { detectLanguage, languageOf } from '../../../server/http/lang.ts';
import { ORG_A } from './fakes.ts';
import { ERP_TOKEN_A, NOW, SECRET, bearer, setup } from './setup.ts';

const LMS = 'https://lms.example.fr';
const auth = async () => bearer(await signAdminToken(SECRET, { org: ORG_A.id, now: NOW }));

describe('CORS on the admin API', () => {
  it('a preflight from an allowed origin succeeds without a token and allows Authorization', async () => {
    const { app } = setup();
    const res = await app.request('/api/erp-sync/contracts', {
      method: 'OPTIONS',
      headers: { Origin: LMS, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('Access-Control-Allow-Origin'), LMS);
    assert.match(res.headers.get('Access-Control-Allow-Headers') ?? '', /Authorization/);
    assert.match(res.headers.get('Access-Control-Allow-Methods') ?? '', /GET/);
    assert.match(res.headers.get('Access-Control-Allow-Methods') ?? '', /POST/);
  });

  it('no Allow-Origin for another origin', async () => {
    const { app } = setup();
    const res = await app.request('/api/erp-sync/contracts', {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' },
    });
    assert.equal(res.headers.get('Access-Control-Allow-Origin'), null);
  });

  it('actual responses carry the CORS headers, errors included, and expose Content-Disposition', async () => {
    const { app } = setup();
    const ok = await app.request('/api/erp-sync/summary', { headers: { Origin: LMS, ...(await auth()) } });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('Access-Control-Allow-Origin'), LMS);
    assert.match(ok.headers.get('Access-Control-Expose-Headers') ?? '', /Content-Disposition/);
    const denied = await app.request('/api/erp-sync/summary', { headers: { Origin: LMS } });
    assert.equal(denied.status, 401);
    assert.equal(denied.headers.get('Access-Control-Allow-Origin'), LMS);
  });

  it('the sync API (server to server) has no CORS', async () => {
    const { app } = setup();
    const res = await app.request('/api/sync/v1/test', { headers: { Origin: LMS, ...bearer(ERP_TOKEN_A) } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('Access-Control-Allow-Origin'), null);
  });
});

describe('errors', () => {
  it('an unexpected error is logged and answered as a bare 500', async () => {
    const { app, store, errors } = setup();
    store.failWith = new Error('SQLITE_CORRUPT: /var/lib/erp-sync/prod.db');
    const res = await app.request('/api/erp-sync/summary', { headers: await auth() });
    assert.equal(res.status, 500);
    const text = await res.text();
    assert.deepEqual(JSON.parse(text), { error: { code: 'INTERNAL', message: 'Erreur interne' } });
    assert.doesNotMatch(text, /SQLITE|prod\.db/);
    assert.equal(errors.length, 1);
    assert.match(errors[0].msg, /GET \/api\/erp-sync\/summary/);
    assert.equal((errors[0].err as Error).message, 'SQLITE_CORRUPT: /var/lib/erp-sync/prod.db');
  });

  it("the sync API answers a 500 in the public API's {error, reason} shape, leaking nothing", async () => {
    const { app, runner, errors } = setup();
    runner.mode = 'explode';
    const res = await app.request('/api/sync/v2/contrats', { method: 'POST', headers: bearer(ERP_TOKEN_A), body: '[]' });
    assert.equal(res.status, 500);
    assert.deepEqual(await res.json(), { error: 'internal', reason: 'Erreur interne', code: 'INTERNAL' });
    assert.equal(errors.length, 1);
  });

  it('a run that fails is a logged 500 RUN_FAILED naming the run, not the cause', async () => {
    const { app, runner, errors } = setup();
    runner.mode = 'source-failed';
    const res = await app.request('/api/sync/v2/contrats', { method: 'POST', headers: bearer(ERP_TOKEN_A), body: '[]' });
    assert.equal(res.status, 500);
    const body = (await res.json()) as { error: string; reason: string; code: string };
    assert.equal(body.code, 'RUN_FAILED');
    assert.equal(body.error, 'run failed');
    assert.match(body.reason, /run-x/);
    assert.doesNotMatch(body.reason, /SQLITE/);
    assert.equal(errors.length, 1);
  });

  it('unknown routes are 404 in the error shape', async () => {
    const { app } = setup();
    const res = await app.request('/nothing/here');
    assert.equal(res.status, 404);
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'NOT_FOUND');
    assert.match(body.error.message, /GET \/nothing\/here/);
  });

  it('routes added after createApp still work (static files in production)', async () => {
    const { app } = setup();
    app.get('/demo/index.html', (c) => c.text('demo'));
    assert.equal(await (await app.request('/demo/index.html')).text(), 'demo');
  });
});

describe('language of a request (one middleware)', () => {
  it('?lang, then Accept-Language by q, then French', async () => {
    const app = new Hono().use(detectLanguage()).get('/', (c) => c.text(languageOf(c.get('language'))));
    const langOf = async (path: string, acceptLanguage?: string) =>
      (await app.request(path, { headers: acceptLanguage ? { 'Accept-Language': acceptLanguage } : {} })).text();
    assert.equal(await langOf('/?lang=en', 'fr'), 'en');
    assert.equal(await langOf('/'), 'fr');
    assert.equal(await langOf('/', 'de-DE,en;q=0.8,fr;q=0.7'), 'en');
    assert.equal(await langOf('/', 'fr;q=0.2, en;q=0.9'), 'en');
    assert.equal(await langOf('/', 'en;q=0, de'), 'fr');
    assert.equal(await langOf('/', 'fr-CA'), 'fr');
  });
});
