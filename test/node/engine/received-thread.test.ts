/**
 * The received records of a file import, encoded by a second reading on another thread
 * (server/node/received-thread.ts), on a real CSV file, a real SQLite file and a real
 * PostgreSQL database:
 *  - what the store keeps is exactly what the file's reader gives, record for record, and the
 *    blocks are the very ones the importing thread would have stored (the same export imported
 *    the other way adds no block);
 *  - the blocks did come from the thread (the store's record path was not used);
 *  - two readings that disagree (the file rewritten between them) fail the run, nothing applied.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { csvMapping, generateErp, toCsv } from '../../../mock-api/fake-erp/index.ts';
import { parseConfig } from '../../../server/config/load.ts';
import type { Config } from '../../../server/config/schema.ts';
import type { ReceivedRecord } from '../../../server/core/types.ts';
import { fileSpools } from '../../../server/node/file-spool.ts';
import { openNodeInput } from '../../../server/node/open-input.ts';
import { openStore } from '../../../server/node/open-store.ts';
import { receivedThreads } from '../../../server/node/received-thread.ts';
import { createRunner } from '../../../server/runner/create-runner.ts';
import { inThreadExecutor } from '../../../server/runner/executor.ts';
import type { JobDeps } from '../../../server/runner/import-job.ts';
import type { Runner } from '../../../server/runner/runner.ts';
import { csvFileStream } from '../../../server/sources/index.ts';
import type { Store } from '../../../server/store/store.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { SECRET } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'erp-sync-received-thread-'));
const day = generateErp({ seed: 7, contracts: 2_500, days: 1, startDate: '2026-11-01' }).snapshot(0);
const file = join(dir, 'export.csv');
const shorter = join(dir, 'export-rewritten.csv');
writeFileSync(file, toCsv(day, { encoding: 'windows-1252', date: '2026-11-01' }));
writeFileSync(shorter, toCsv(day.slice(0, 1_700), { encoding: 'windows-1252', date: '2026-11-01' }));

function configOf(database: string): Config {
  return parseConfig({
    database,
    auth: { jwtSecret: SECRET },
    organizations: ['cfa', 'cfa2', 'cfa3'].map((id) => ({
      id,
      name: id,
      erpToken: `erp-token-${id}-0123456789abcdef`,
      source: { kind: 'csv', path: file, mapping: csvMapping },
    })),
  });
}

interface Spied {
  runner: Runner;
  /** Readers the thread factory gave, batches they handed over, batches the store encoded itself. */
  counts: { readers: number; batches: number; encodedHere: number };
}

/** A runner whose second reader (or none) and store are watched. `thread` may point the second reading elsewhere. */
function runnerOf(store: Store, config: Config, thread: 'same' | 'none' | 'rewritten'): Spied {
  const counts = { readers: 0, batches: 0, encodedHere: 0 };
  const watched: Store = {
    ...store,
    async appendReceived(orgId, runId, records) {
      counts.encodedHere++;
      return store.appendReceived(orgId, runId, records);
    },
  };
  const threads = receivedThreads({ maxBodyBytes: 1e9, nice: 0, minBytes: 0 });
  const deps: JobDeps = {
    store: watched,
    spools: fileSpools(),
    openInput: (job) => openNodeInput(job, 1e9),
    now: () => new Date(),
    receivedBlocks:
      thread === 'none'
        ? undefined
        : (job, stream) => {
            const reader = threads(thread === 'rewritten' ? { ...job, input: { kind: 'file', path: shorter } } : job, stream);
            if (!reader) return null;
            counts.readers++;
            return {
              next: (n) => {
                counts.batches++;
                return reader.next(n);
              },
              finish: () => reader.finish(),
              close: () => reader.close(),
            };
          },
  };
  return { runner: createRunner({ store: watched, organizations: config.organizations, executor: inThreadExecutor(deps) }), counts };
}

async function fileRecords(config: Config): Promise<ReceivedRecord[]> {
  const org = config.organizations[0];
  if (org.source.kind !== 'csv') throw new Error('csv source expected');
  const out: ReceivedRecord[] = [];
  for await (const b of (await csvFileStream(file, org.source)).batches()) out.push(...b);
  return out;
}

async function kept(store: Store, orgId: string, runId: string): Promise<ReceivedRecord[]> {
  const out: ReceivedRecord[] = [];
  for await (const b of store.readReceived(orgId, runId)) out.push(...b);
  return out;
}

const kinds: { name: string; open(): Promise<{ database: string; blocks(): Promise<number>; close(): Promise<void> }> }[] = [
  {
    name: 'SQLite',
    async open() {
      const database = join(dir, `erp-sync-${Math.random().toString(36).slice(2)}.sqlite`);
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
        close: () => pgDb.drop(),
      };
    },
  },
];

after(() => rmSync(dir, { recursive: true, force: true }));

for (const kind of kinds) {
  describe(`received records encoded by a second reading (${kind.name})`, () => {
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

    test('keeps exactly what the file gives, in the blocks the importing thread would have stored', async () => {
      const threaded = runnerOf(store, config, 'same');
      const first = await threaded.runner.importInput('cfa', { kind: 'file', path: file }, { date: '2026-11-01' });
      assert.equal(first.run.status, 'succeeded');
      assert.deepEqual(threaded.counts, { readers: 1, batches: 3, encodedHere: 0 }, 'three batches of blocks came from the thread');
      const expected = await fileRecords(config);
      assert.equal(expected.length, day.length);
      assert.deepEqual(await kept(store, 'cfa', first.runId), expected);
      const blocks = await db.blocks();
      assert.equal(blocks, 3);

      // The same file, its blocks encoded in the importing thread: the same blocks, stored once.
      const here = runnerOf(store, config, 'none');
      const second = await here.runner.importInput('cfa2', { kind: 'file', path: file }, { date: '2026-11-01' });
      assert.equal(second.run.status, 'succeeded');
      assert.equal(here.counts.encodedHere, 3);
      assert.deepEqual(await kept(store, 'cfa2', second.runId), expected);
      assert.equal(await db.blocks(), blocks, 'both ways cut and encode the very same blocks');
    });

    test('two readings that disagree fail the run as a source error, and nothing is applied', async () => {
      const spied = runnerOf(store, config, 'rewritten');
      await assert.rejects(
        spied.runner.importInput('cfa3', { kind: 'file', path: file }, { date: '2026-11-01' }),
        /fichier modifié pendant la lecture/,
      );
      assert.equal(spied.counts.readers, 1);
      assert.equal(await store.lastAppliedRun('cfa3'), null);
      const runs = (await store.historyDays('cfa3', { limit: 5 })).days.flatMap((d) => d.runs);
      assert.equal(runs.length, 1);
      assert.equal(runs[0].status, 'failed');
      assert.equal(runs[0].failure, 'source');
    });
  });
}
