import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';
import { adminJwtAuth, signAdminToken } from '../../../server/http/index.ts';
import { timingSafeEqual } from '../../../server/http/auth/erp-token.ts';
import { adminErrorHandler } from '../../../server/http/errors.ts';
import type { OrgEnv } from '../../../server/http/types.ts';
import { ORG_A, ORG_B } from './fakes.ts';
import { ERP_TOKEN_A, NOW, SECRET, bearer, config, setup } from './setup.ts';

const adminToken = (over: { org?: string; role?: string; ttlSeconds?: number; now?: Date; audience?: string } = {}) =>
  signAdminToken(SECRET, { org: ORG_A.id, now: NOW, ...over });

async function errorOf(res: Response) {
  const body = (await res.json()) as { error: { code: string; message: string } };
  return body.error;
}

describe('admin API auth', () => {
  it('accepts a valid admin token and scopes the request to its organisation', async () => {
    const { app } = setup();
    const res = await app.request('/api/erp-sync/summary', { headers: bearer(await adminToken()) });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { organization: { id: string } };
    assert.equal(body.organization.id, ORG_A.id);
  });

  it('401 without an Authorization header, with WWW-Authenticate', async () => {
    const { app } = setup();
    const res = await app.request('/api/erp-sync/summary');
    assert.equal(res.status, 401);
    assert.match(res.headers.get('WWW-Authenticate') ?? '', /^Bearer/);
    const err = await errorOf(res);
    assert.equal(err.code, 'UNAUTHORIZED');
    assert.match(err.message, /Authorization/);
  });

  it('401 on a non-Bearer header and on a token that is not a JWT', async () => {
    const { app } = setup();
    for (const header of ['Basic dXNlcjpwYXNz', 'Bearer not-a-jwt', 'Bearer']) {
      const res = await app.request('/api/erp-sync/summary', { headers: { Authorization: header } });
      assert.equal(res.status, 401, header);
      assert.equal((await errorOf(res)).code, 'UNAUTHORIZED');
    }
  });

  it('401 on a bad signature', async () => {
    const { app } = setup();
    const forged = await signAdminToken('another-secret-that-is-long-enough-xxxxxxxx', { org: ORG_A.id, now: NOW });
    const res = await app.request('/api/erp-sync/summary', { headers: bearer(forged) });
    assert.equal(res.status, 401);
    assert.match((await errorOf(res)).message, /[Ss]ignature/);
  });

  it('401 on an expired token (the injected clock decides)', async () => {
    const { app } = setup();
    const old = await adminToken({ now: new Date(NOW.getTime() - 2 * 3600_000), ttlSeconds: 3600 });
    const res = await app.request('/api/erp-sync/summary', { headers: bearer(old) });
    assert.equal(res.status, 401);
    assert.match((await errorOf(res)).message, /expiré/);
  });

  it('401 when exp is missing, when org is missing, and on alg "none"', async () => {
    const { app } = setup();
    const key = new TextEncoder().encode(SECRET);
    const noExp = await new SignJWT({ org: ORG_A.id, role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).sign(key);
    const noOrg = await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(key);
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const none = `${b64({ alg: 'none' })}.${b64({ org: ORG_A.id, role: 'admin', exp: 9999999999 })}.`;
    for (const [name, token] of [
      ['no exp', noExp],
      ['no org', noOrg],
      ['alg none', none],
    ]) {
      const res = await app.request('/api/erp-sync/summary', { headers: bearer(token) });
      assert.equal(res.status, 401, name);
    }
  });

  it('403 for a valid token without the admin role', async () => {
    const { app } = setup();
    const res = await app.request('/api/erp-sync/summary', { headers: bearer(await adminToken({ role: 'learner' })) });
    assert.equal(res.status, 403);
    assert.equal((await errorOf(res)).code, 'FORBIDDEN');
  });

  it('403 for an organisation the server does not know', async () => {
    const { app } = setup();
    const res = await app.request('/api/erp-sync/summary', { headers: bearer(await adminToken({ org: 'cfa-zzz' })) });
    assert.equal(res.status, 403);
  });

  it("another organisation's contract and run are simply not found", async () => {
    const { app } = setup();
    const headers = bearer(await adminToken());
    const detail = await app.request('/api/erp-sync/contracts/B-SECRET', { headers });
    assert.equal(detail.status, 404);
    assert.doesNotMatch(await detail.text(), /Secret"|nomApprenant/);
    assert.equal((await app.request('/api/erp-sync/runs/run-b', { headers })).status, 404);
    const list = await app.request('/api/erp-sync/contracts?q=secret', { headers });
    assert.equal(((await list.json()) as { total: number }).total, 0);
    // and the other way round
    const headersB = bearer(await adminToken({ org: ORG_B.id }));
    assert.equal((await app.request('/api/erp-sync/contracts/B-SECRET', { headers: headersB })).status, 200);
    assert.equal((await app.request('/api/erp-sync/contracts/C-HYPER', { headers: headersB })).status, 404);
  });

  it('an ERP token on the admin API is 401', async () => {
    const { app } = setup();
    const res = await app.request('/api/erp-sync/summary', { headers: bearer(ERP_TOKEN_A) });
    assert.equal(res.status, 401);
  });

  it('an admin JWT on the sync API is 401 in the sync shape', async () => {
    const { app } = setup();
    const res = await app.request('/api/sync/v1/test', { headers: bearer(await adminToken()) });
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { error: 'invalid token', reason: 'unknown token', code: 'INVALID_TOKEN' });
  });

  it('unknown admin routes need auth first, then 404 in the error shape', async () => {
    const { app } = setup();
    assert.equal((await app.request('/api/erp-sync/nope')).status, 401);
    const res = await app.request('/api/erp-sync/nope', { headers: bearer(await adminToken()) });
    assert.equal(res.status, 404);
    assert.equal((await errorOf(res)).code, 'NOT_FOUND');
  });
});

describe('sync API auth', () => {
  it('401 with a specific reason: missing header, malformed header, unknown token', async () => {
    const { app } = setup();
    const cases: [Record<string, string>, string][] = [
      [{}, 'missing Authorization header'],
      [{ Authorization: `Token ${ERP_TOKEN_A}` }, 'malformed Authorization header: expected "Bearer <token>"'],
      [bearer('erp-token-alpha-0123456780'), 'unknown token'],
    ];
    for (const [headers, reason] of cases) {
      const res = await app.request('/api/sync/v1/test', { headers });
      assert.equal(res.status, 401);
      assert.deepEqual(await res.json(), { error: 'invalid token', reason, code: 'INVALID_TOKEN' });
    }
  });

  it('timingSafeEqual compares whole arrays', () => {
    assert.equal(timingSafeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3])), true);
    assert.equal(timingSafeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4])), false);
    assert.equal(timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3])), false);
  });
});

describe('adminJwtAuth with a JWKS', () => {
  async function jwksApp() {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const app = new Hono<OrgEnv>()
      .use('*', adminJwtAuth({ secret: SECRET, jwks: createLocalJWKSet({ keys: [jwk] }), organizations: [ORG_A], now: () => NOW }))
      .get('/me', (c) => c.json(c.get('org')));
    app.onError(adminErrorHandler({ error: () => undefined }));
    const sign = (claims: object, key = privateKey) =>
      new SignJWT({ ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuedAt(NOW)
        .setExpirationTime(new Date(NOW.getTime() + 600_000))
        .sign(key);
    return { app, sign };
  }

  it('accepts a token signed by a key of the set, and still the shared secret', async () => {
    const { app, sign } = await jwksApp();
    const res = await app.request('/me', { headers: bearer(await sign({ org: ORG_A.id, role: 'admin' })) });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), ORG_A);
    const hs = await app.request('/me', { headers: bearer(await adminToken()) });
    assert.equal(hs.status, 200);
  });

  it('rejects a token signed by another key (401) and a non-admin (403)', async () => {
    const { app, sign } = await jwksApp();
    const other = await generateKeyPair('RS256');
    assert.equal(
      (await app.request('/me', { headers: bearer(await sign({ org: ORG_A.id, role: 'admin' }, other.privateKey)) })).status,
      401,
    );
    assert.equal((await app.request('/me', { headers: bearer(await sign({ org: ORG_A.id, role: 'tutor' })) })).status, 403);
  });
});

describe('adminJwtAuth remembering verified tokens', () => {
  function clockApp() {
    let now = NOW;
    const app = new Hono<OrgEnv>()
      .use('*', adminJwtAuth({ secret: SECRET, organizations: [ORG_A], now: () => now }))
      .get('/me', (c) => c.json(c.get('org')));
    app.onError(adminErrorHandler({ error: () => undefined }));
    return { app, setNow: (d: Date) => (now = d) };
  }

  it('a token accepted before is refused once the clock passes its expiry and the tolerance; a clock gone back verifies it afresh', async () => {
    const { app, setNow } = clockApp();
    const token = await adminToken({ ttlSeconds: 600 });
    const status = async () => (await app.request('/me', { headers: bearer(token) })).status;
    assert.equal(await status(), 200);
    assert.equal(await status(), 200, 'again, remembered');
    setNow(new Date(NOW.getTime() + 600_000 + 29_000));
    assert.equal(await status(), 200, 'within the clock tolerance');
    setNow(new Date(NOW.getTime() + 600_000 + 31_000));
    assert.equal(await status(), 401, 'expired');
    const early = await signAdminToken(SECRET, { org: ORG_A.id, now: new Date(NOW.getTime() + 3600_000) });
    setNow(new Date(NOW.getTime() + 3600_000));
    assert.equal((await app.request('/me', { headers: bearer(early) })).status, 200);
    setNow(NOW);
    assert.equal((await app.request('/me', { headers: bearer(early) })).status, 200, 'verified afresh: its iat is not checked');
  });

  it('a forged token is refused every time, also after the real one was accepted', async () => {
    const { app } = clockApp();
    const real = await adminToken();
    const forged = `${real.slice(0, real.lastIndexOf('.'))}.${Buffer.from('x'.repeat(32)).toString('base64url')}`;
    assert.equal((await app.request('/me', { headers: bearer(real) })).status, 200);
    for (let i = 0; i < 2; i++) assert.equal((await app.request('/me', { headers: bearer(forged) })).status, 401);
  });
});

describe('admin API auth with a configured audience', () => {
  const withAudience = () => setup({ config: { ...config, auth: { jwtSecret: SECRET, audience: 'erp-sync' } } });

  it('accepts a token minted for erp-sync and refuses one minted for another service, or for none', async () => {
    const { app } = withAudience();
    const ok = await app.request('/api/erp-sync/summary', { headers: bearer(await adminToken({ audience: 'erp-sync' })) });
    assert.equal(ok.status, 200);
    for (const token of [await adminToken({ audience: 'gradebook' }), await adminToken()]) {
      const res = await app.request('/api/erp-sync/summary', { headers: bearer(token) });
      assert.equal(res.status, 401);
      assert.equal((await errorOf(res)).code, 'UNAUTHORIZED');
    }
  });
});
