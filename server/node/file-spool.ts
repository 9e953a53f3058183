/**
 * A spool that spills to a temporary file once what the spools hold passes a budget: what lets
 * a million-record run keep its intermediate results (checked records, upserts, changes) in
 * bounded memory, while a run that fits stays in memory at full speed. Items are plain JSON
 * data; a spilled batch is one JSON line, read back in order.
 *
 * The budget is on what the spools themselves hold, estimated from their items' JSON size, not
 * on the heap: the heap counts garbage not yet collected, which made a 100,000-record run spill
 * at "320 MB" while only 160 MB were live, and spilling then cost a third of the run's time.
 * The heap stays a safety net, far higher, for memory held elsewhere.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { type FileHandle, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import type { Spool, SpoolFactory } from '../core/spool.ts';

const BATCH = 1_000;
const READ_CHUNK = 4 * 1024 * 1024;

export interface FileSpoolOptions {
  /**
   * What the spools of one factory may hold in memory together, estimated as the JSON size of
   * their items (default 192 MiB). A 100,000-record first import's spools measure, by this
   * estimate, 123 MiB of checked records, then 130 of upserts, 23 of changes and 7.5 of
   * rejections; the checked ones are drained as the upserts fill, so both are never held whole
   * and the run stays in memory (less is live than estimated: items share strings).
   */
  memoryBudget?: number;
  /**
   * Heap size past which a spool spills whatever the estimate: memory held elsewhere. By default
   * 448 MiB, or three quarters of the thread's heap limit when that is lower (an import thread
   * bounded by imports.heapMb: the net must catch the heap before V8 runs out of it).
   */
  heapBudget?: number;
  dir?: string;
}

/** What the spools of one factory hold in memory, estimated (see FileSpoolOptions.memoryBudget). */
interface Holdings {
  bytes: number;
}

export function fileSpools(opts: FileSpoolOptions = {}): SpoolFactory {
  const holdings: Holdings = { bytes: 0 };
  return <T>(name: string) => fileSpool<T>(name, opts, holdings);
}

/** A batch's size as JSON, from its first and last items: two stringifications per batch, not one per item. */
function estimatedBytes(items: readonly unknown[]): number {
  if (items.length === 0) return 0;
  const first = JSON.stringify(items[0]).length;
  const last = items.length > 1 ? JSON.stringify(items[items.length - 1]).length : first;
  return Math.ceil(((first + last) / 2) * items.length);
}

/** The lines of a file, read in large chunks (readline is several times slower for this). */
function* lines(path: string): Iterable<string> {
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(READ_CHUNK);
  const decoder = new TextDecoder();
  let rest = '';
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, READ_CHUNK, null);
      const text = rest + (n > 0 ? decoder.decode(buf.subarray(0, n), { stream: true }) : decoder.decode());
      let start = 0;
      for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
        yield text.slice(start, end);
        start = end + 1;
      }
      rest = text.slice(start);
      if (n === 0) break;
    }
    if (rest !== '') yield rest;
  } finally {
    closeSync(fd);
  }
}

export function fileSpool<T>(name: string, opts: FileSpoolOptions = {}, holdings: Holdings = { bytes: 0 }): Spool<T> {
  const memoryBudget = opts.memoryBudget ?? 192 * 1024 * 1024;
  const heapBudget = opts.heapBudget ?? Math.min(448 * 1024 * 1024, 0.75 * getHeapStatistics().heap_size_limit);
  let memory: T[] = [];
  /** This spool's share of `holdings`. */
  let held = 0;
  const release = () => {
    holdings.bytes -= held;
    held = 0;
  };
  let path: string | null = null;
  let dir: string | null = null;
  let file: FileHandle | null = null;
  let spilled = 0;
  let disposed = false;

  async function spill(): Promise<void> {
    if (!file) {
      dir = await mkdtemp(join(opts.dir ?? tmpdir(), `erp-sync-${name}-`));
      path = join(dir, 'spool.ndjson');
      file = await open(path, 'a');
    }
    const items = memory;
    memory = [];
    release();
    // One line written at a time: the text of everything spilled at once (hundreds of MB, then
    // as many again as a Buffer) would double the very memory a spill is meant to give back.
    for (let i = 0; i < items.length; i += BATCH) await file.write(`${JSON.stringify(items.slice(i, i + BATCH))}\n`);
    spilled += items.length;
  }

  const spool: Spool<T> = {
    async append(items) {
      if (disposed) throw new Error('spool used after dispose');
      for (const it of items) memory.push(it);
      const bytes = estimatedBytes(items);
      held += bytes;
      holdings.bytes += bytes;
      // Once spilling, keep spilling each batch: what is in memory must stay the tail.
      if (path !== null || holdings.bytes > memoryBudget || getHeapStatistics().used_heap_size > heapBudget) await spill();
    },
    async *read() {
      if (disposed) throw new Error('spool read after dispose');
      if (path) for (const line of lines(path)) if (line !== '') yield JSON.parse(line) as T[];
      for (let i = 0; i < memory.length; i += BATCH) yield memory.slice(i, i + BATCH);
    },
    async *drain() {
      if (disposed) throw new Error('spool read after dispose');
      if (path) for (const line of lines(path)) if (line !== '') yield JSON.parse(line) as T[];
      const list: (T | undefined)[] = memory;
      const perItem = list.length > 0 ? held / list.length : 0;
      for (let i = 0; i < list.length; i += BATCH) {
        const batch = list.slice(i, i + BATCH) as T[];
        list.fill(undefined, i, i + batch.length);
        const freed = Math.min(held, Math.round(perItem * batch.length));
        held -= freed;
        holdings.bytes -= freed;
        yield batch;
      }
      await spool.dispose();
    },
    get count() {
      return spilled + memory.length;
    },
    async dispose() {
      disposed = true;
      memory = [];
      release();
      await file?.close();
      file = null;
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
  return spool;
}
