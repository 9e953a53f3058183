/**
 * A spool that spills to a temporary file once the process's heap passes a budget: what lets a
 * million-record run keep its intermediate results (checked records, upserts, changes) in
 * bounded memory, while a run that fits stays in memory at full speed. Items are plain JSON
 * data; a spilled batch is one JSON line, read back in order.
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
  /** Heap size (bytes) past which a spool moves what it holds to disk (default 320 MiB). */
  heapBudget?: number;
  dir?: string;
}

export function fileSpools(opts: FileSpoolOptions = {}): SpoolFactory {
  return <T>(name: string) => fileSpool<T>(name, opts);
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

export function fileSpool<T>(name: string, opts: FileSpoolOptions = {}): Spool<T> {
  const heapBudget = opts.heapBudget ?? 320 * 1024 * 1024;
  let memory: T[] = [];
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
    // One line written at a time: the text of everything spilled at once (hundreds of MB, then
    // as many again as a Buffer) would double the very memory a spill is meant to give back.
    for (let i = 0; i < items.length; i += BATCH) await file.write(`${JSON.stringify(items.slice(i, i + BATCH))}\n`);
    spilled += items.length;
  }

  return {
    async append(items) {
      if (disposed) throw new Error('spool used after dispose');
      for (const it of items) memory.push(it);
      // Once spilling, keep spilling each batch: what is in memory must stay the tail.
      if (path !== null || getHeapStatistics().used_heap_size > heapBudget) await spill();
    },
    async *read() {
      if (disposed) throw new Error('spool read after dispose');
      if (path) for (const line of lines(path)) if (line !== '') yield JSON.parse(line) as T[];
      for (let i = 0; i < memory.length; i += BATCH) yield memory.slice(i, i + BATCH);
    },
    get count() {
      return spilled + memory.length;
    },
    async dispose() {
      disposed = true;
      memory = [];
      await file?.close();
      file = null;
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}
