/**
 * A file import read on another thread (server/node/threaded-input.ts), on a real CSV file, a
 * real SQLite file and a real PostgreSQL database, against the same import read in the importing
 * thread:
 *  - the same outcome: counts, contracts and their fingerprints, open rejections with reasons,
 *    meta facts of the read;
 *  - the received records kept are exactly what the file's reader gives, in the very blocks the
 *    importing thread would have stored (the other way adds no block), and they did come from
 *    the thread (the store's record path was not used);
 *  - a bad input fails the same way, with the same message and the same kind of failure.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { csvMapping, encodeWindows1252, generateErp, toCsv, toCsvText } from '../../../mock-api/fake-erp/index.ts';
import { parseConfig } from '../../../server/config/load.ts';
import type { Config } from '../../../server/config/schema.ts';
import type { ReceivedRecord } from '../../../server/core/types.ts';
import { fileSpools } from '../../../server/node/file-spool.ts';
import { openNodeInput } from '../../../server/node/open-input.ts';
import { openStore } from '../../../server/node/open-store.ts';
import { threadedInputs } from '../../../server/node/threaded-input.ts';
import { createRunner } from '../../../server/runner/create-runner.ts';
import { inThreadExecutor } from '../../../server/runner/executor.ts';
import type { JobDeps } from '../../../server/runner/import-job.ts';
import type { RunInput, Runner } from '../../../server/runner/runner.ts';
import { csvFileStream } from '../../../server/sources/index.ts';
import { encodeBlock } from '../../../server/store/sqlite/received.ts';
import type { Store } from '../../../server/store/store.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { SECRET } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'erp-sync-threaded-input-'));
const day = generateErp({ seed: 7, contracts: 2_500, days: 1, startDate: '2026-11-01' }).snapshot(0);
const file = join(dir, 'export.csv');
writeFileSync(file, toCsv(day, { encoding: 'windows-1252', date: '2026-11-01' }));
const notJson = join(dir, 'body.json');
writeFileSync(notJson, '[{"codeContrat": "C1"}, {"codeContrat": ');
const noColumns = join(dir, 'unmapped.csv');
writeFileSync(noColumns, 'Colonne;Autre\r\n1;2\r\n');

// UTF-8 without BOM, but for its last row in Windows-1252: read as UTF-8 with that row marked
// unreadable; a layout guessed from its start (valid UTF-8) proves wrong at that row.
const mixed = join(dir, 'mixed.csv');
{
  const text = toCsvText(day, '2026-11-01');
  const last = text.trimEnd().split('\r\n').at(-1) ?? '';
  writeFileSync(mixed, new Uint8Array([...new TextEncoder().encode(text), ...encodeWindows1252(`${last.replace(/[A-Za-z]/, 'é')}\r\n`)]));
}

const ORGS = ['threaded', 'here', 'bad-threaded', 'bad-here', 'again', 'pruned', 'guess-threaded', 'guess-here'];

function configOf(database: string): Config {
  return parseConfig({
    database,
    auth: { jwtSecret: SECRET },
    organizations: ORGS.map((id) => ({
      id,
      name: id,
      erpToken: `erp-token-${id}-0123456789abcdef`,
      source: { kind: 'csv', path: file, mapping: csvMapping },
    })),
  });
}

interface Watched {
  runner: Runner;
  /**
   * Inputs the thread read, batches the store encoded itself, blocks the thread kept without
   * deflating them (known), receptions forgotten to read again (a guessed layout proved wrong).
   */
  counts: { threaded: number; encodedHere: number; notDeflated?: number; discarded?: number };
}

function runnerOf(store: Store, config: Config, threaded: boolean, guessBytes?: number): Watched {
  const counts: Watched['counts'] = { threaded: 0, encodedHere: 0 };
  const watched: Store = {
    ...store,
    async appendReceived(orgId, runId, records) {
      counts.encodedHere++;
      return store.appendReceived(orgId, runId, records);
    },
    async appendReceivedBlocks(orgId, runId, blocks) {
      const n = blocks.filter((b) => b.body === null).length;
      if (n > 0) counts.notDeflated = (counts.notDeflated ?? 0) + n;
      return store.appendReceivedBlocks?.(orgId, runId, blocks);
    },
    async discardReceived(orgId, runId) {
      counts.discarded = (counts.discarded ?? 0) + 1;
      return store.discardReceived?.(orgId, runId);
    },
  };
  const open = threadedInputs({ maxBodyBytes: 1e9, nice: 0, minBytes: 0, guessBytes });
  const deps: JobDeps = {
    store: watched,
    spools: fileSpools(),
    openInput: (job) => openNodeInput(job, 1e9),
    now: () => new Date(),
    openThreaded: threaded
      ? async (job, knownBlocks, read) => {
          const input = await open(job, knownBlocks, read);
          if (input) counts.threaded++;
          return input;
        }
      : undefined,
  };
  return { runner: createRunner({ store: watched, organizations: config.organizations, executor: inThreadExecutor(deps) }), counts };
}

async function kept(store: Store, orgId: string, runId: string): Promise<ReceivedRecord[]> {
  const out: ReceivedRecord[] = [];
  for await (const b of store.readReceived(orgId, runId)) out.push(...b);
  return out;
}

/** A CSV file's records as the importing thread reads it, with the organisations' mapping (no guess). */
async function readHere(config: Config, path: string): Promise<ReceivedRecord[]> {
  const org = config.organizations[0];
  if (org.source.kind !== 'csv') throw new Error('csv source expected');
  const out: ReceivedRecord[] = [];
  for await (const batch of (await csvFileStream(path, org.source)).batches()) out.push(...batch);
  return out;
}

/** What an organisation holds after its runs: contracts by fingerprint, open rejections by reasons. */
async function holdings(store: Store, orgId: string) {
  const state = await store.stateReader(orgId);
  return {
    contracts: [...state.fingerprints].sort(([a], [b]) => (a < b ? -1 : 1)),
    rejections: [...state.rejections].map(([code, r]) => [code, r.reasons]).sort(([a], [b]) => (String(a) < String(b) ? -1 : 1)),
  };
}

async function failureOf(runner: Runner, orgId: string, input: RunInput): Promise<{ name: string; message: string; code?: string }> {
  try {
    await runner.importInput(orgId, input, { date: '2026-11-01' });
  } catch (err) {
    const e = err as Error & { code?: string };
    return { name: e.name, message: e.message, code: e.code };
  }
  throw new Error('the run should have failed');
}

const kinds: {
  name: string;
  open(): Promise<{ database: string; blocks(): Promise<number>; meta(runId: string): Promise<unknown>; close(): Promise<void> }>;
}[] = [
  {
    name: 'SQLite',
    async open() {
      const database = join(dir, 'erp-sync.sqlite');
      return {
        database,
        async blocks() {
          const db = new Database(database, { readonly: true });
          try {
            return (db.prepare('SELECT COUNT(*) AS n FROM received_chunks').get() as { n: number }).n;
          } finally {
            db.close();
          }
        },
        async meta(runId) {
          const db = new Database(database, { readonly: true });
          try {
            return JSON.parse((db.prepare('SELECT meta FROM runs WHERE id = ?').get(runId) as { meta: string }).meta);
          } finally {
            db.close();
          }
        },
        async close() {},
      };
    },
  },
  {
    name: 'PostgreSQL',
    async open() {
      const pgDb: TestDatabase = await createTestDatabase();
      return {
        database: pgDb.url,
        async blocks() {
          const c = new pg.Client({ connectionString: pgDb.url });
          await c.connect();
          try {
            return Number((await c.query<{ n: string }>('SELECT COUNT(*) AS n FROM received_chunks')).rows[0].n);
          } finally {
            await c.end();
          }
        },
        async meta(runId) {
          const c = new pg.Client({ connectionString: pgDb.url });
          await c.connect();
          try {
            const m = (await c.query<{ meta: unknown }>('SELECT meta FROM runs WHERE id = $1', [runId])).rows[0].meta;
            return typeof m === 'string' ? JSON.parse(m) : m;
          } finally {
            await c.end();
          }
        },
        close: () => pgDb.drop(),
      };
    },
  },
];

after(() => rmSync(dir, { recursive: true, force: true }));

for (const kind of kinds) {
  describe(`a file import read on another thread (${kind.name})`, () => {
    let db: Awaited<ReturnType<(typeof kinds)[number]['open']>>;
    let store: Store;
    let config: Config;
    before(async () => {
      db = await kind.open();
      config = configOf(db.database);
      store = await openStore(db.database);
      for (const o of config.organizations) await store.upsertOrganization({ id: o.id, name: o.name });
    });
    after(async () => {
      await store.close();
      await db.close();
    });

    test('gives the outcome of a reading in the importing thread, and keeps the same records in the same blocks', async () => {
      const threaded = runnerOf(store, config, true);
      const a = await threaded.runner.importInput('threaded', { kind: 'file', path: file }, { date: '2026-11-01' });
      assert.deepEqual(threaded.counts, { threaded: 1, encodedHere: 0 }, 'the thread read the file and encoded every block');
      const blocks = await db.blocks();
      assert.equal(blocks, Math.ceil(day.length / 1_000));

      const here = runnerOf(store, config, false);
      const b = await here.runner.importInput('here', { kind: 'file', path: file }, { date: '2026-11-01' });
      assert.equal(here.counts.encodedHere, blocks);

      assert.equal(a.run.status, 'succeeded');
      assert.deepEqual(a.run.counts, b.run.counts);
      assert.ok(a.run.counts.integrated > 2_000 && a.run.counts.rejected > 0, 'integrated and rejected contracts both');
      assert.equal(a.run.truncated, b.run.truncated);
      const facts = (await db.meta(a.runId)) as Record<string, unknown>;
      assert.equal(facts.file, 'export.csv');
      assert.deepEqual(facts, await db.meta(b.runId), 'the facts of the read (file, encoding, delimiter, rows) cross over');
      assert.deepEqual(a.rejections, b.rejections);
      assert.deepEqual(await holdings(store, 'threaded'), await holdings(store, 'here'));

      const fromFile = await readHere(config, file);
      assert.equal(fromFile.length, day.length);
      assert.deepEqual(await kept(store, 'threaded', a.runId), fromFile, 'kept verbatim');
      assert.deepEqual(await kept(store, 'here', b.runId), fromFile);
      assert.equal(await db.blocks(), blocks, 'both ways cut and encode the very same blocks: stored once');
    });

    test('the same export again: its blocks are not deflated again, only referenced, and read back verbatim', async () => {
      const first = runnerOf(store, config, true);
      const a = await first.runner.importInput('again', { kind: 'file', path: file }, { date: '2026-11-01' });
      const blocks = await db.blocks();
      const second = runnerOf(store, config, true);
      const b = await second.runner.importInput('again', { kind: 'file', path: file }, { date: '2026-11-02' });
      assert.deepEqual(second.counts, { threaded: 1, encodedHere: 0, notDeflated: Math.ceil(day.length / 1_000) }, 'every block known');
      assert.equal(await db.blocks(), blocks, 'no block stored twice');
      assert.deepEqual(b.run.counts, { ...a.run.counts, added: 0, newlyRejected: 0 });
      assert.deepEqual(await kept(store, 'again', b.runId), await kept(store, 'again', a.runId));
    });

    test('a known block pruned before it is kept is deflated by the store from its text; without text it is refused', async () => {
      const records: ReceivedRecord[] = [{ index: 0, raw: { Code: 'PRUNED-1' }, fields: { codeContrat: 'PRUNED-1' }, line: 2 }];
      const { hash, text } = encodeBlock(records);
      const runId = await store.openRun('pruned', {
        source: 'csv',
        startedAt: '2026-11-01T00:00:00.000Z',
        date: '2026-11-01',
        now: '2026-11-01T00:00:00.000Z',
        leaseUntil: '2099-01-01T00:00:00.000Z',
      });
      await assert.rejects(
        store.appendReceivedBlocks?.('pruned', runId, [{ records: 1, hash: `${hash}-x`, body: null }]) ?? Promise.reject(),
        /neither body nor text/,
      );
      await store.appendReceivedBlocks?.('pruned', runId, [{ records: 1, hash, body: null, text }]);
      assert.deepEqual(await kept(store, 'pruned', runId), records);
    });

    test('a file whose end contradicts the layout its start gave is read again, exactly: the same outcome, its records kept once', async () => {
      // Guessed from its first 70 kB (valid UTF-8): the last row's byte proves it wrong.
      const threaded = runnerOf(store, config, true, 70_000);
      const a = await threaded.runner.importInput('guess-threaded', { kind: 'file', path: mixed }, { date: '2026-11-01' });
      assert.deepEqual(threaded.counts, { threaded: 2, encodedHere: 0, discarded: 1 }, 'read with the guess, then again exactly');
      const here = runnerOf(store, config, false);
      const b = await here.runner.importInput('guess-here', { kind: 'file', path: mixed }, { date: '2026-11-01' });
      assert.equal(a.run.status, 'succeeded');
      assert.deepEqual(a.run.counts, b.run.counts);
      assert.equal(a.run.counts.received, day.length + 1);
      const facts = (await db.meta(a.runId)) as Record<string, unknown>;
      assert.deepEqual([facts.encoding, facts.malformed], ['utf-8', 1]);
      assert.deepEqual(facts, await db.meta(b.runId));
      assert.deepEqual(a.rejections, b.rejections);
      assert.deepEqual(await holdings(store, 'guess-threaded'), await holdings(store, 'guess-here'));
      assert.deepEqual(await kept(store, 'guess-threaded', a.runId), await readHere(config, mixed), 'kept verbatim, each record once');
    });

    test('a bad input fails as it does when read in the importing thread', async () => {
      for (const input of [
        { kind: 'file', path: notJson },
        { kind: 'file', path: noColumns },
      ] satisfies RunInput[]) {
        const threaded = runnerOf(store, config, true);
        const there = await failureOf(threaded.runner, 'bad-threaded', input);
        assert.equal(threaded.counts.threaded, 1);
        const here = await failureOf(runnerOf(store, config, false).runner, 'bad-here', input);
        assert.deepEqual(there, here);
      }
      const runsOf = async (orgId: string) =>
        (await store.historyDays(orgId, { limit: 5 })).days.flatMap((d) => d.runs.map((r) => [r.status, r.failure]));
      assert.deepEqual(await runsOf('bad-threaded'), await runsOf('bad-here'));
      assert.equal((await runsOf('bad-threaded')).length, 2);
      assert.equal(await store.lastAppliedRun('bad-threaded'), null);
    });
  });
}
