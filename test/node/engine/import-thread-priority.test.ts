/**
 * Import threads yield the CPU to the HTTP thread (config `imports.nice`), proven on the real
 * piscina workers of a real SQLite file: the kernel's own view of this process's threads
 * (/proc/self/task/<tid>/stat) shows the import thread lowered and the HTTP thread untouched.
 * Their heap is bounded (config `imports.heapMb`): V8's own limit, as the thread reports it.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { type WorkerExecutor, workerExecutor } from '../../../server/node/worker-executor.ts';

/** Each thread of this process: its id and nice value (field 19 of its stat line). */
function threadNices(): { tid: number; nice: number }[] {
  return readdirSync('/proc/self/task').flatMap((tid) => {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) start at field 3.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return [{ tid: Number(tid), nice: Number(fields[16]) }];
    } catch {
      return []; // a thread that ended while we looked
    }
  });
}

async function withWorkers(nice: number, look: (executor: WorkerExecutor) => void, heapMb?: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'erp-sync-nice-'));
  const executor = workerExecutor({ database: join(dir, 'db.sqlite'), maxBodyBytes: 1024, workers: 1, nice, heapMb });
  try {
    for (let i = 0; i < 600 && !executor.ready(); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(executor.ready(), 'the import worker started and opened its database');
    look(executor);
  } finally {
    await executor.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the import thread runs at the configured lower priority; the HTTP thread keeps its own', async () => {
  const before = threadNices();
  assert.ok(before.length > 0, 'this process’s threads are readable in /proc');
  assert.ok(!before.some((t) => t.nice === 10), 'no thread is lowered before the workers start');
  await withWorkers(10, () => {
    const lowered = threadNices().filter((t) => t.nice === 10);
    assert.equal(lowered.length, 1, 'exactly one thread (the import worker) is at nice 10');
    const main = threadNices().find((t) => t.tid === process.pid);
    assert.equal(main?.nice, 0, 'the HTTP (main) thread keeps priority 0');
  });
});

test('imports.nice = 0 leaves the import thread at the usual priority', async () => {
  await withWorkers(0, () => {
    assert.ok(
      threadNices().every((t) => t.nice === 0),
      'no thread is lowered',
    );
  });
});

test('imports.heapMb bounds the import thread’s heap', async () => {
  const MiB = 1024 * 1024;
  let unbounded = 0;
  await withWorkers(0, (executor) => {
    unbounded = executor.heapLimit() ?? 0;
  });
  await withWorkers(
    0,
    (executor) => {
      const limit = executor.heapLimit() ?? 0;
      // The old generation's 200 MiB, plus the young generation's semi-spaces.
      assert.ok(limit >= 200 * MiB && limit <= 264 * MiB, `heap limit ${Math.round(limit / MiB)} MiB`);
    },
    200,
  );
  assert.ok(unbounded > 1024 * MiB, `without the setting, V8's default (${Math.round(unbounded / MiB)} MiB) is far higher`);
});
