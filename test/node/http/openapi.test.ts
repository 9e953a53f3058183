import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { z } from 'zod/mini';
import * as api from '../../../contract/index.ts';
import { signAdminToken } from '../../../server/http/index.ts';
import { ORG_A, ORG_B } from './fakes.ts';
import { ERP_TOKEN_A, NOW, SECRET, bearer, setup } from './setup.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function resolve(doc: Json, ref: string): unknown {
  assert.ok(ref.startsWith('#/'), `local ref: ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), doc);
}

function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) refs(n, out);
  else if (isObject(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

async function fetchDoc(): Promise<Json> {
  const { app } = setup();
  const res = await app.request('/api/erp-sync/openapi.json');
  assert.equal(res.status, 200, 'public: no token needed');
  return (await res.json()) as Json;
}

describe('GET /api/erp-sync/openapi.json', () => {
  it('is an OpenAPI 3.1 document whose every $ref resolves', async () => {
    const doc = await fetchDoc();
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(isObject(doc.info) && typeof doc.info.title === 'string' && typeof doc.info.version === 'string');
    const all = refs(doc);
    assert.ok(all.length > 20);
    for (const ref of all) assert.ok(resolve(doc, ref) !== undefined, `unresolved ${ref}`);
    const components = doc.components as Json;
    const schemas = components.schemas as Json;
    for (const name of [
      'Summary',
      'ContractList',
      'ContractDetail',
      'HistoryDays',
      'HistoryDayChanges',
      'Trend',
      'RunSummary',
      'RunAccepted',
      'ApiError',
      'SyncPushResult',
      'SyncDiffResult',
      'SyncList',
      'SyncTest',
      'SyncError',
    ]) {
      assert.ok(isObject(schemas[name]), name);
      assert.equal((schemas[name] as Json).$id, undefined);
    }
    assert.deepEqual(components.securitySchemes, {
      adminJwt: (components.securitySchemes as Json).adminJwt,
      erpToken: (components.securitySchemes as Json).erpToken,
    });
    assert.equal(((components.securitySchemes as Json).adminJwt as Json).bearerFormat, 'JWT');
  });

  it('every operation has responses, declared path parameters and a known security scheme', async () => {
    const doc = await fetchDoc();
    const schemes = Object.keys((doc.components as Json).securitySchemes as Json);
    for (const [path, item] of Object.entries(doc.paths as Json)) {
      for (const [method, op] of Object.entries(item as Json)) {
        const o = op as Json;
        const where = `${method.toUpperCase()} ${path}`;
        assert.ok(isObject(o.responses) && Object.keys(o.responses).length > 0, `${where}: responses`);
        for (const [status, r] of Object.entries(o.responses)) {
          assert.match(status, /^[1-5]\d\d$/);
          const resp = (isObject(r) && typeof r.$ref === 'string' ? resolve(doc, r.$ref) : r) as Json;
          assert.equal(typeof resp.description, 'string', `${where} ${status}: description`);
        }
        const params = (o.parameters ?? []) as Json[];
        for (const name of [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])) {
          assert.ok(
            params.some((p) => p.in === 'path' && p.name === name && p.required === true),
            `${where}: path param ${name}`,
          );
        }
        for (const p of params) assert.ok(isObject(p.schema), `${where}: ${String(p.name)} schema`);
        const security = (o.security ?? doc.security) as Json[];
        for (const req of security) for (const s of Object.keys(req)) assert.ok(schemes.includes(s), `${where}: scheme ${s}`);
      }
    }
  });

  it('lists exactly the routes the app serves, with their parameters', async () => {
    const { app } = setup();
    const doc = await fetchDoc();
    const documented = Object.entries(doc.paths as Json)
      .flatMap(([path, item]) => Object.keys(item as Json).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    const served = [
      ...new Set(
        app.routes
          .filter((r) => r.method !== 'ALL' && !r.path.endsWith('*'))
          .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
      ),
    ].sort();
    assert.deepEqual(documented, served);
    const paths = doc.paths as Record<string, Record<string, Json>>;
    const names = (p: string, m: string) => ((paths[p][m].parameters ?? []) as Json[]).map((x) => x.name);
    assert.deepEqual(names('/api/erp-sync/contracts', 'get'), [
      'status',
      'q',
      'reason',
      'formation',
      'sort',
      'order',
      'limit',
      'offset',
      'lang',
    ]);
    assert.deepEqual(names('/api/sync/v1/contrats', 'get'), ['limit', 'page']);
    assert.deepEqual(names('/api/erp-sync/history/{date}', 'get'), ['date', 'q', 'kind', 'limit', 'offset', 'lang']);
    assert.deepEqual(names('/api/erp-sync/history', 'get'), ['limit', 'before', 'from', 'q', 'kind']);
    assert.deepEqual(paths['/api/sync/v1/test'].get.security, [{ erpToken: [] }]);
    assert.deepEqual(paths['/api/erp-sync/openapi.json'].get.security, []);
  });
});

describe('responses conform to the contract schemas', () => {
  it('every JSON route answers what the contract says', async () => {
    const { app } = setup();
    const admin = bearer(await signAdminToken(SECRET, { org: ORG_A.id, now: NOW }));
    const adminB = bearer(await signAdminToken(SECRET, { org: ORG_B.id, now: NOW }));
    const erp = { ...bearer(ERP_TOKEN_A), 'Content-Type': 'application/json' };
    const cases: [string, RequestInit, z.ZodMiniType][] = [
      ['/api/erp-sync/summary', { headers: admin }, api.summary],
      ['/api/erp-sync/contracts?status=rejected', { headers: admin }, api.contractList],
      ['/api/erp-sync/contracts/C-HYPER', { headers: admin }, api.contractDetail],
      ['/api/erp-sync/contracts/C-REJ', { headers: admin }, api.contractDetail],
      ['/api/erp-sync/history', { headers: admin }, api.historyDays],
      ['/api/erp-sync/history/trend', { headers: admin }, api.trend],
      ['/api/erp-sync/history/2026-01-14', { headers: admin }, api.historyDayChanges],
      ['/api/erp-sync/runs/run-ok', { headers: admin }, api.runSummary],
      ['/api/erp-sync/runs', { method: 'POST', headers: adminB }, api.runAccepted],
      ['/api/erp-sync/runs/run-held/approve', { method: 'POST', headers: admin }, api.runAccepted],
      ['/api/erp-sync/contracts/NOPE', { headers: admin }, api.apiError],
      ['/api/sync/v2/contrats', { method: 'POST', headers: erp, body: '[{"codeContrat":"C1"}]' }, api.syncPushResult],
      ['/api/sync/v1/contrats-diff', { method: 'POST', headers: erp, body: '[]' }, api.syncDiffResult],
      ['/api/sync/v1/contrats', { headers: erp }, api.syncList],
      ['/api/sync/v1/contrats-get-all', { headers: erp }, api.syncList],
      ['/api/sync/v1/test', { headers: erp }, api.syncTest],
      ['/api/sync/v1/test', {}, api.syncError],
    ];
    for (const [path, init, schema] of cases) {
      const res = await app.request(path, init);
      const parsed = schema.safeParse(await res.json());
      assert.ok(parsed.success, `${path}: ${parsed.success ? '' : JSON.stringify(parsed.error.issues)}`);
    }
  });
});
