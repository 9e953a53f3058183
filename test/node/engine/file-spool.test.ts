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
import { fileSpool } from '../../../server/node/file-spool.ts';

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
    const spool = fileSpool<Item>('test', { heapBudget: 0, dir });
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
    const spool = fileSpool<Item>('test', { heapBudget: Number.MAX_SAFE_INTEGER, dir });
    await spool.append(items(0, 1_500));
    assert.deepEqual(readdirSync(dir), []);
    assert.deepEqual(await readAll(() => spool.read()), items(0, 1_500));
    await spool.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
