/**
 * A large file import read on the other core. Reading a CSV export (decode, split, map) and
 * keeping every record verbatim (encode a block's text, hash it, deflate it) cost the importing
 * thread about 3 s of a 100,000-record run. A thread of its own (piscina, as the import workers)
 * now reads the input with the very reader the run would use, encodes the received blocks, and
 * hands each batch over as those blocks: deflated, for the store, and as their text, which this
 * side reads back into records (common/received-codec.ts, without the raw values the pipeline
 * does not read). The text a store keeps is a third the size of the fields written out, so the
 * reading thread no longer writes the records a second time and this side parses a third as
 * much; a structured clone of the record objects would cost more than reading them (about 3 s
 * both ways at 100,000 records). What the importing thread does with the records is unchanged:
 * the same pipeline, the same results.
 *
 * Used for files of some size (a CLI file, a push body spooled to disk, the organisation's CSV
 * export); in-memory inputs and pull sources are read in the importing thread as before.
 */
import { stat } from 'node:fs/promises';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { runSource } from '../../contract/index.ts';
import { decodeRecords } from '../store/common/received-codec.ts';
import type { RecordStream } from '../core/types.ts';
import type { ImportJob, ReceivedBlockReader, ThreadedInput } from '../runner/import-job.ts';
import { RunError } from '../runner/runner.ts';
import { newestFile } from '../sources/index.ts';
import type { ReceivedBlock } from '../store/store.ts';

/** What the thread is given. */
export interface ThreadedInputTask {
  job: ImportJob;
  /** Hashes of blocks stored already (Store.receivedBlockHashes): not deflated again. */
  knownBlocks: string[];
  /** A CSV's layout guessed from this many first bytes (the run starts over on a CsvGuessError); undefined: not guessed. */
  guessBytes?: number;
  maxBodyBytes: number;
  /** CPU priority of the thread: the importing thread's own. */
  nice: number;
  /** One Int32: batches taken by the importing thread (the reader waits when too far ahead). */
  taken: SharedArrayBuffer;
  /** Where the batches go. */
  port: MessagePort;
}

export type ThreadedInputMessage =
  /** `texts[i]`: the text of `blocks[i]` (received-codec.ts), its records in order. */
  | { kind: 'batch'; texts: string[]; blocks: ReceivedBlock[] }
  | { kind: 'end'; source: runSource; meta: Record<string, string | number>; truncated: boolean }
  | { kind: 'error'; name: string; message: string; code?: RunError['code'] };

export interface ThreadedInputOptions {
  maxBodyBytes: number;
  nice: number;
  /** Smaller files are read in the importing thread: starting a thread costs about 0.1 s (default 4 MiB). */
  minBytes?: number;
  /**
   * A CSV's layout is guessed from this many first bytes (default 2 MiB, about 4,000 rows): its
   * records come a whole first pass sooner (sources/csv/process.ts). A file whose end
   * contradicts its start fails the reading with a CsvGuessError, and the run reads it again
   * without guessing (runJob).
   */
  guessBytes?: number;
}

/** Whether a run may read its input with a guessed layout: a second reading, after a CsvGuessError, may not. */
export interface ThreadedReadOptions {
  exactLayout?: boolean;
}

/**
 * The reading thread's heap bound, MiB. What it holds at once is a batch being read and its
 * encoded blocks (records are bounded at 1 Mi characters: sources/limits.ts), but V8 lets garbage
 * grow with the room it is given: unbounded, this thread took about 60 MB more of the 1,000,000-
 * contract push's peak (1,019 MiB against 957 MiB for the whole server process).
 */
export const READER_HEAP_MB = 128;

/** The thread's module: the TypeScript source under tsx, the compiled file in a build (as worker-executor.ts). */
const THREAD_FILE = new URL(import.meta.url.endsWith('.ts') ? './threaded-input-worker.ts' : './threaded-input-worker.js', import.meta.url)
  .href;

/** The size of the file a job reads, when it reads one. */
async function fileSize(job: ImportJob): Promise<number | null> {
  const input = job.input;
  const path =
    input.kind === 'file'
      ? input.path
      : input.kind === 'body' && input.body.kind === 'file'
        ? input.body.path
        : input.kind === 'configured' && job.org.source.kind === 'csv'
          ? job.org.source.path
          : null;
  if (path === null) return null;
  try {
    const info = await stat(path);
    // A drop folder: the export the run will choose.
    return info.isDirectory() ? (await stat((await newestFile(path)).path)).size : info.size;
  } catch {
    // Missing or unreadable: the importing thread's own reading says so in words.
    return null;
  }
}

function errorOf(m: Extract<ThreadedInputMessage, { kind: 'error' }>): Error {
  if (m.code) return new RunError(m.code, m.message);
  const err = new Error(m.message);
  // A SourceError keeps its name: the run is then failed as a source failure.
  err.name = m.name;
  return err;
}

export function threadedInputs(
  opts: ThreadedInputOptions,
): (job: ImportJob, knownBlocks?: readonly string[], read?: ThreadedReadOptions) => Promise<ThreadedInput | null> {
  const minBytes = opts.minBytes ?? 4 * 1024 * 1024;
  const guessBytes = opts.guessBytes ?? 2 * 1024 * 1024;
  return async (job, knownBlocks = [], read = {}) => {
    const size = await fileSize(job);
    if (size === null || size < minBytes) return null;
    return start({
      job,
      knownBlocks: [...knownBlocks],
      guessBytes: read.exactLayout ? undefined : guessBytes,
      maxBodyBytes: opts.maxBodyBytes,
      nice: opts.nice,
    });
  };
}

function start(task: Omit<ThreadedInputTask, 'taken' | 'port'>): ThreadedInput {
  const taken = new SharedArrayBuffer(4);
  const takenCount = new Int32Array(taken);
  const { port1, port2 } = new MessageChannel();
  const messages: ThreadedInputMessage[] = [];
  let wake: (() => void) | null = null;
  let stopped = false;
  let started = false;
  const arrive = (m: ThreadedInputMessage) => {
    messages.push(m);
    wake?.();
    wake = null;
  };
  // Started at once: the thread starts and reads its first batches while the run reads its
  // state. Whoever asked for it closes it (runJob does, whatever happens to the run).
  port1.on('message', arrive);
  const pool = new Piscina({
    filename: THREAD_FILE,
    minThreads: 1,
    maxThreads: 1,
    resourceLimits: { maxOldGenerationSizeMb: READER_HEAP_MB },
  });
  pool.run({ ...task, taken, port: port2 } satisfies ThreadedInputTask, { transferList: [port2] }).catch((err: unknown) => {
    const e = err instanceof Error ? err : new Error(String(err));
    if (!stopped) arrive({ kind: 'error', name: e.name, message: e.message });
  });
  /** The blocks of the batches handed to the pipeline, until the keeper stores them. */
  const blocks: { count: number; blocks: ReceivedBlock[] }[] = [];
  const meta: Record<string, string | number> = {};

  async function take(): Promise<ThreadedInputMessage> {
    while (messages.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return messages.shift() as ThreadedInputMessage;
  }

  const stream: RecordStream = {
    // What the reader in the thread says it read, once it has read it (the runner names a run's
    // source from its input, not from this).
    source: task.job.org.source.kind === 'csv' && task.job.input.kind !== 'body' ? 'csv' : 'push',
    meta,
    async *batches() {
      if (started) throw new Error('A RecordStream is read once.');
      started = true;
      for (;;) {
        const m = await take();
        if (m.kind === 'error') throw errorOf(m);
        if (m.kind === 'end') {
          stream.source = m.source;
          Object.assign(meta, m.meta);
          stream.truncated = m.truncated;
          return;
        }
        const records = m.texts.length === 1 ? decodeRecords(m.texts[0], false) : m.texts.flatMap((text) => decodeRecords(text, false));
        // A block not deflated (stored already) keeps its text, should it have been pruned since.
        blocks.push({ count: records.length, blocks: m.blocks.map((b, i) => (b.body === null ? { ...b, text: m.texts[i] } : b)) });
        Atomics.add(takenCount, 0, 1);
        Atomics.notify(takenCount, 0);
        yield records;
      }
    },
  };

  const reader: ReceivedBlockReader = {
    async next(count) {
      const batch = blocks.shift();
      if (!batch || batch.count !== count)
        throw new Error(`received blocks out of step: ${count} records, blocks of ${batch?.count ?? 'none'}`);
      // A Buffer arrives as a plain Uint8Array; the database drivers bind Buffers.
      return batch.blocks.map((b) =>
        b.body === null ? b : { ...b, body: Buffer.from(b.body.buffer, b.body.byteOffset, b.body.byteLength) },
      );
    },
    async close() {
      if (stopped) return;
      stopped = true;
      // Wakes a reader waiting for room, then stops it wherever it is.
      Atomics.add(takenCount, 0, 1 << 20);
      Atomics.notify(takenCount, 0);
      port1.close();
      await pool.destroy();
    },
  };
  return { stream, blocks: reader };
}
