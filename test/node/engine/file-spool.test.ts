/**
 * The file spool on a real disk: what spills comes back whole and in order, line by line, and
 * nothing is left behind. A run's intermediate results (checked records, upserts, changes) go
 * through it, so a lost or reordered item would be a lost or misplaced contract.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileSpool, fileSpools } from '../../../server/node/file-spool.ts';

interface Item {
  n: number;
  text: string;
}

const items = (from: number, count: number): Item[] =>
  Array.from({ length: count }, (_, i) => ({ n: from + i, text: `contrat ${from + i} « é » \n ligne` }));

async function readAll(read: () => AsyncIterable<Item[]>): Promise<Item[]> {
  const out: Item[] = [];
  for await (const batch of read()) out.push(...batch);
  return out;
}

test('a spool past its budget writes to disk and reads everything back in order, then leaves nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'erp-sync-spool-test-'));
  try {
    // Budget 0: every append spills, in several lines per append (1,000 items a line).
    const spool = fileSpool<Item>('test', { memoryBudget: 0, dir });
    await spool.append(items(0, 2_500));
    await spool.append(items(2_500, 10));
    await spool.append(items(2_510, 1_490));
    assert.equal(spool.count, 4_000);
    assert.equal(readdirSync(dir).length, 1, 'the spool has its folder on disk');
    const back = await readAll(() => spool.read());
    assert.deepEqual(back, items(0, 4_000));
    // Read twice (a run reads its upserts for the apply, then its rejections for the answer).
    assert.equal((await readAll(() => spool.read())).length, 4_000);
    await spool.dispose();
    assert.deepEqual(readdirSync(dir), [], 'disposing removes the spilled file and its folder');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a spool within its budget stays in memory and never touches the disk', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'erp-sync-spool-test-'));
  try {
    const spool = fileSpool<Item>('test', { memoryBudget: Number.MAX_SAFE_INTEGER, dir });
    await spool.append(items(0, 1_500));
    assert.deepEqual(readdirSync(dir), []);
    assert.deepEqual(await readAll(() => spool.read()), items(0, 1_500));
    await spool.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the spools of one factory share one memory budget, and a spill or a dispose gives its share back', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'erp-sync-spool-test-'));
  const folders = (prefix: string) => readdirSync(dir).filter((f) => f.startsWith(`erp-sync-${prefix}-`)).length;
  try {
    // 1,000 items are about 47 kB of JSON: a budget of 100 kB holds two such batches, not three.
    const spools = fileSpools({ memoryBudget: 100_000, dir });
    const a = spools<Item>('a');
    const b = spools<Item>('b');
    await a.append(items(0, 1_000));
    await b.append(items(0, 1_000));
    assert.equal(readdirSync(dir).length, 0, 'two batches fit the budget together');
    await b.append(items(1_000, 1_000));
    assert.equal(folders('b'), 1, 'the spool whose append passes the shared budget spills');
    assert.equal(folders('a'), 0, 'the other keeps its items in memory');
    // b's spill gave its share back: a can take another batch without spilling.
    await a.append(items(1_000, 1_000));
    assert.equal(folders('a'), 0);
    await a.dispose();
    const c = spools<Item>('c');
    await c.append(items(0, 2_000));
    assert.equal(folders('c'), 0, "a disposed spool's share is free again");
    assert.deepEqual(await readAll(() => b.read()), items(0, 2_000));
    await b.dispose();
    await c.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('draining hands every item over once, in order, frees its share as it goes, and disposes the spool', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'erp-sync-spool-test-'));
  try {
    // About 47 kB a thousand items: 4,000 in memory hold ~188 kB of a 200 kB budget.
    const spools = fileSpools({ memoryBudget: 200_000, dir });
    const spilled = spools<Item>('spilled');
    await spilled.append(items(0, 1_000));
    const kept = spools<Item>('kept');
    await kept.append(items(1_000, 3_000));
    // Past the budget: 'spilled' moves to disk (its first thousand with it).
    await spilled.append(items(1_000, 500));
    assert.equal(readdirSync(dir).length, 1);
    const other = spools<Item>('other');
    const drained: Item[] = [];
    let step = 0;
    for await (const batch of kept.drain()) {
      drained.push(...batch);
      // Two batches let go: another 2,000 fit beside the last one without spilling (not beside all three).
      if (++step === 2) await other.append(items(0, 2_000));
    }
    assert.deepEqual(drained, items(1_000, 3_000));
    assert.equal(readdirSync(dir).length, 1, 'what was drained made room: nothing more spilled');
    await assert.rejects(async () => {
      for await (const _ of kept.read());
    }, /after dispose/);
    // A spilled spool drains its file first, then removes it.
    const back: Item[] = [];
    for await (const batch of spilled.drain()) back.push(...batch);
    assert.deepEqual(back, items(0, 1_500));
    assert.equal(readdirSync(dir).length, 0);
    await other.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
