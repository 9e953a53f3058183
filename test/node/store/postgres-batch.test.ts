/**
 * The PostgreSQL store's pipelined row batches (server/store/postgres/batch.ts): the array
 * literals it makes itself are the driver's, they read back as given from a real server, and a
 * statement that fails while the next rows are prepared fails the write with its own error.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, describe, it } from 'node:test';
import type pg from 'pg';
import { arrayLiteral, Batch, ROWS_PER_STATEMENT } from '../../../server/store/postgres/batch.ts';
import { fileDatabase, withPgClient } from '../support/postgres.ts';

// The driver's own conversion of a parameter (not among its typed exports): what the batch's literals must equal.
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue(v: unknown): unknown };

const db = fileDatabase();
after(db.dropAll);

const TRICKY: unknown[] = [
  'plain',
  '',
  'NULL',
  null,
  undefined,
  'with "quotes" and \\backslashes\\ and \\"both"',
  '{"json":["in",1,null],"x":"a\\"b"}',
  'commas, {braces} and spaces  ',
  'Hélène Dupont-Lefèvre 🎓',
  'line\nbreak\ttab',
  42,
  0,
];

const withClient = async <T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> => withPgClient((await db.get()).url, fn);

describe('PostgreSQL row batches', () => {
  it('make the array literal the driver would make of the same values', () => {
    assert.equal(arrayLiteral(TRICKY), prepareValue(TRICKY));
  });

  it('write every row as given, in statements of ROWS_PER_STATEMENT rows', async () => {
    const rows = Array.from({ length: ROWS_PER_STATEMENT * 2 + 17 }, (_, i) => [i, String(TRICKY[i % TRICKY.length] ?? '') || null]);
    const back = await withClient(async (c) => {
      await c.query('CREATE TEMP TABLE t (n int PRIMARY KEY, s text)');
      let statements = 0;
      const batch = new Batch(c, ['int', 'text'], (u) => {
        statements++;
        return `INSERT INTO t (n, s) SELECT * FROM ${u}`;
      });
      for (const r of rows) await batch.add(r);
      await batch.flush();
      assert.equal(statements, 3);
      return (await c.query<{ n: number; s: string | null }>('SELECT n, s FROM t ORDER BY n')).rows;
    });
    assert.deepEqual(
      back.map((r) => [r.n, r.s]),
      rows,
    );
  });

  it('fail with the failing statement’s own error, even when it failed while the next rows were prepared', async () => {
    await withClient(async (c) => {
      await c.query('CREATE TEMP TABLE u (n int PRIMARY KEY)');
      const batch = new Batch(c, ['int'], (u) => `INSERT INTO u (n) SELECT * FROM ${u}`);
      // The first statement holds 1 twice: it fails on the server while the second is prepared.
      const ns = [1, 1, ...Array.from({ length: ROWS_PER_STATEMENT * 2 }, (_, i) => i + 2)];
      await assert.rejects(async () => {
        for (const n of ns) await batch.add([n]);
        await batch.flush();
      }, /duplicate key value violates unique constraint "u_pkey"/);
    });
  });
});
