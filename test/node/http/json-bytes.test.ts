import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { encodeJson, jsonBytes } from '../../../server/http/json-bytes.ts';

/** The bytes JSON.stringify's text would be sent as. */
const expected = (value: unknown) => Buffer.from(JSON.stringify(value) ?? 'null', 'utf8');

const record = (i: number) => ({
  codeContrat: `2024-${String(i).padStart(6, '0')}`,
  nomApprenant: i % 3 === 0 ? 'ŒUVRE' : 'ANDRÉ',
  missionDetails: 'Accueil ; mise en rayon d’articles — “qualité” 🚀',
  empty: '',
  quote: 'a "b" \\ c\n\t\u0001',
  reasons: i % 2 === 0 ? [] : [{ code: 'missing_employer', fields: ['siretEntreprise'] }],
});

describe('JSON answers as bytes (json-bytes.ts)', () => {
  it('gives exactly the bytes of JSON.stringify, at every depth', () => {
    const values: unknown[] = [
      { total: 3, limit: 50, offset: 0, items: [record(1), record(2), record(3)], reasonCounts: { missing_employer: 1 } },
      [record(1), undefined, null, () => 1, Symbol('s'), 2, 'x', [[], {}]],
      { a: undefined, b: () => 1, c: Symbol('c'), d: 1 },
      { a: undefined },
      {},
      [],
      { date: new Date(Date.UTC(2026, 10, 30)), nested: { toJSON: () => 'replaced' }, n: Number.NaN, inf: -Infinity },
      Object.assign(Object.create(null) as Record<string, unknown>, { bare: 'object', list: [1, 'é'] }),
      { 'clé "spéciale"\n': ['\u2028\u2029', '\ud83d', 'fin'] },
      'a string',
      42,
      null,
      true,
    ];
    for (const value of values) {
      for (const depth of [0, 1, 2, 3, 5]) {
        assert.deepEqual(Buffer.from(encodeJson(value, depth)), expected(value), `depth ${depth}: ${JSON.stringify(value)}`);
      }
    }
  });

  it('a page of many records', () => {
    const page = { total: 1000, items: Array.from({ length: 1000 }, (_, i) => record(i)) };
    assert.deepEqual(Buffer.from(encodeJson(page)), expected(page));
  });

  it('answers with the JSON content type, the status and the headers set before', async () => {
    const app = new Hono().get('/', (c) => {
      c.header('Vary', 'Origin');
      return jsonBytes(c, { items: [record(1)] }, 201);
    });
    const res = await app.request('/');
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('content-type'), 'application/json');
    assert.equal(res.headers.get('vary'), 'Origin');
    assert.deepEqual(await res.json(), { items: [record(1)] });
  });
});
