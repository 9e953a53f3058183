/**
 * The PostgreSQL store's COPY writer (server/store/postgres/copy.ts), on a real server: every
 * value reads back as given, whatever characters it holds; the words written as tsvector text
 * are the lexemes of the SQL the batches use; a COPY that fails, on the server or in the
 * code feeding it, fails the transaction and leaves the connection able to roll back.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type pg from 'pg';
import { CopyRows, copyField, tsvectorText } from '../../../server/store/postgres/copy.ts';
import { fileDatabase, withPgClient } from '../support/postgres.ts';

const db = fileDatabase();
after(db.dropAll);

const TRICKY: (string | null)[] = [
  'plain',
  '',
  'NULL',
  '\\N',
  null,
  'with "quotes" and \\backslashes\\',
  '{"json":["in",1,null],"x":"a\\"b\\\\n"}',
  'line\nbreak\ttab\rreturn',
  'Hélène Dupont-Lefèvre 🎓',
  "l'apostrophe: deux-points",
];

const withClient = async <T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> => withPgClient((await db.get()).url, fn);

describe('PostgreSQL COPY rows', () => {
  it('escape what COPY’s text format reads as syntax, and nothing else', () => {
    assert.equal(copyField(null), '\\N');
    assert.equal(copyField('\\N'), '\\\\N');
    assert.equal(copyField('a\tb\nc\rd\\e'), 'a\\tb\\nc\\rd\\\\e');
    assert.equal(copyField('Hélène'), 'Hélène');
    assert.equal(copyField(42), '42');
  });

  it('write every value as given, over many pieces', async () => {
    // Long enough to be sent in several pieces, so the writer waits for PostgreSQL on the way.
    const rows = Array.from({ length: 20_000 }, (_, i) => [String(i), TRICKY[i % TRICKY.length], `${'x'.repeat(i % 50)}${i}`]);
    const back = await withClient(async (c) => {
      await c.query('CREATE TEMP TABLE t (n int PRIMARY KEY, s text, pad text)');
      const copy = new CopyRows(c, 'COPY t (n, s, pad) FROM STDIN');
      for (const r of rows) await copy.add(r);
      await copy.finish();
      assert.equal(copy.count, rows.length);
      return (await c.query<{ n: number; s: string | null; pad: string }>('SELECT n, s, pad FROM t ORDER BY n')).rows;
    });
    assert.deepEqual(
      back.map((r) => [String(r.n), r.s, r.pad]),
      rows,
    );
  });

  it('give the lexemes of array_to_tsvector(string_to_array(words, ’ ’)), quoting what tsvector input would read as syntax', async () => {
    const lists = ['helene dupont 2026 cfa', '', 'a a b', "l'arc d:1 back\\slash", 'éàü ß 中文'];
    const same = await withClient(async (c) => {
      const out: boolean[] = [];
      for (const w of lists) {
        const r = await c.query<{ same: boolean; copied: string }>(
          `SELECT $1::tsvector = array_to_tsvector(string_to_array($2, ' ')) AS same, $1::tsvector::text AS copied`,
          [tsvectorText(w), w],
        );
        out.push(r.rows[0].same);
      }
      return out;
    });
    assert.deepEqual(
      same,
      lists.map(() => true),
    );
  });

  it('fail with the server’s error, and the transaction rolls back', async () => {
    await withClient(async (c) => {
      await c.query('CREATE TEMP TABLE u (n int PRIMARY KEY)');
      await c.query('BEGIN');
      await c.query('INSERT INTO u VALUES (0)');
      const copy = new CopyRows(c, 'COPY u (n) FROM STDIN');
      await assert.rejects(async () => {
        for (let n = 1; n < 50_000; n++) await copy.add([n === 2 ? 1 : n]);
        await copy.finish();
      }, /duplicate key value violates unique constraint "u_pkey"/);
      await c.query('ROLLBACK');
      assert.deepEqual((await c.query('SELECT count(*)::int AS n FROM u')).rows, [{ n: 0 }]);
    });
  });

  it('abort from the feeding side: the COPY fails, the connection rolls back and serves the next query', async () => {
    await withClient(async (c) => {
      await c.query('CREATE TEMP TABLE v (n int)');
      await c.query('BEGIN');
      const copy = new CopyRows(c, 'COPY v (n) FROM STDIN');
      for (let n = 0; n < 10; n++) await copy.add([n]);
      copy.abort(new Error('the spool could not be read'));
      await c.query('ROLLBACK');
      assert.deepEqual((await c.query('SELECT count(*)::int AS n FROM v')).rows, [{ n: 0 }]);
    });
  });
});
