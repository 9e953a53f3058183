/**
 * The received records of a large file import, encoded on the other core. Keeping every record
 * verbatim (encode a block's text, hash it, deflate it) cost the importing thread about 1.5 s of
 * a 100,000-record run, a sixth of it. A file can be read twice: a thread of its own reads it
 * again with the same reader, cuts the same batches into the same blocks and hands them over;
 * the importing thread only stores them. Sending the records themselves across threads would
 * cost more than encoding them (structured clone of 100,000 records: ~3 s both ways).
 *
 * The two readings must see the same records: every batch's count is compared, the end too, and
 * the thread checks that the file still has the size and modification time the run started
 * with. Anything else fails the run (a file rewritten during the import), as a source error.
 */
import { statSync } from 'node:fs';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { RecordStream } from '../core/types.ts';
import type { ImportJob, ReceivedBlockReader } from '../runner/import-job.ts';
import { SourceError } from '../sources/index.ts';
import type { ReceivedBlock } from '../store/store.ts';

/** What the thread is given: a job it can open with openNodeInput, and the file it must find. */
export interface ReceivedThreadTask {
  job: ImportJob;
  maxBodyBytes: number;
  nice: number;
  file: { path: string; size: number; mtimeMs: number };
  /** One Int32: batches taken by the importing thread (the reader waits when too far ahead). */
  taken: SharedArrayBuffer;
  /** Where the batches go. */
  port: MessagePort;
}

export type ReceivedThreadMessage =
  | { kind: 'batch'; count: number; blocks: ReceivedBlock[] }
  | { kind: 'end' }
  | { kind: 'error'; name: string; message: string };

export interface ReceivedThreadOptions {
  maxBodyBytes: number;
  /** CPU priority of the thread: the importing thread's own. */
  nice: number;
  /** Smaller inputs encode their blocks in the importing thread: starting a thread costs ~0.1 s (default 4 MiB). */
  minBytes?: number;
}

/** The thread's module: the TypeScript source under tsx, the compiled file in a build (as worker-executor.ts). */
const THREAD_FILE = new URL(
  import.meta.url.endsWith('.ts') ? './received-thread-worker.ts' : './received-thread-worker.js',
  import.meta.url,
).href;

/** The file behind a job's input, when it can be read a second time, and the job the thread opens. */
function rereadable(job: ImportJob, stream: RecordStream): { job: ImportJob; path: string } | null {
  const input = job.input;
  if (input.kind === 'file') return { job, path: input.path };
  if (input.kind === 'body' && input.body.kind === 'file') return { job, path: input.body.path };
  // A drop folder's export: the file the run chose is in its facts once reading started.
  if (input.kind === 'configured' && job.org.source.kind === 'csv' && typeof stream.meta.path === 'string') {
    return { job: { ...job, input: { kind: 'file', path: stream.meta.path } }, path: stream.meta.path };
  }
  return null;
}

function mismatch(detail: string): SourceError {
  return new SourceError(`Import interrompu, fichier modifié pendant la lecture : ${detail} ; la prochaine exécution le lira.`);
}

export function receivedThreads(opts: ReceivedThreadOptions): (job: ImportJob, stream: RecordStream) => ReceivedBlockReader | null {
  const minBytes = opts.minBytes ?? 4 * 1024 * 1024;
  return (job, stream) => {
    const source = rereadable(job, stream);
    if (!source) return null;
    let size: number;
    let mtimeMs: number;
    try {
      ({ size, mtimeMs } = statSync(source.path));
    } catch {
      // Gone already: the run's own reading reports it.
      return null;
    }
    if (size < minBytes) return null;
    return startReader({ job: source.job, maxBodyBytes: opts.maxBodyBytes, nice: opts.nice, file: { path: source.path, size, mtimeMs } });
  };
}

function startReader(data: Omit<ReceivedThreadTask, 'taken' | 'port'>): ReceivedBlockReader {
  const taken = new SharedArrayBuffer(4);
  const takenCount = new Int32Array(taken);
  // One thread through piscina (the import workers' loader, tsx included); its task posts the
  // batches on a port as it reads.
  const pool = new Piscina({ filename: THREAD_FILE, minThreads: 1, maxThreads: 1 });
  const { port1, port2 } = new MessageChannel();
  const queue: ReceivedThreadMessage[] = [];
  let wake: (() => void) | null = null;
  let stopped = false;
  const arrive = (m: ReceivedThreadMessage) => {
    queue.push(m);
    wake?.();
    wake = null;
  };
  port1.on('message', arrive);
  const task: ReceivedThreadTask = { ...data, taken, port: port2 };
  pool.run(task, { transferList: [port2] }).then(
    () => undefined,
    (err: unknown) => {
      const e = err instanceof Error ? err : new Error(String(err));
      if (!stopped) arrive({ kind: 'error', name: e.name, message: e.message });
    },
  );

  async function take(): Promise<ReceivedThreadMessage> {
    while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    const m = queue[0];
    // An error or the end stays at the head: every later call sees it too.
    if (m.kind === 'batch') queue.shift();
    return m;
  }

  function failure(m: Extract<ReceivedThreadMessage, { kind: 'error' }>): Error {
    const err = new Error(m.message);
    err.name = m.name;
    return err;
  }

  return {
    async next(count) {
      const m = await take();
      if (m.kind === 'error') throw failure(m);
      if (m.kind === 'end') throw mismatch(`${count} enregistrements de plus à la première lecture qu’à la seconde`);
      if (m.count !== count) throw mismatch(`${count} enregistrements lus d’un côté, ${m.count} de l’autre`);
      Atomics.add(takenCount, 0, 1);
      Atomics.notify(takenCount, 0);
      // A Buffer arrives as a plain Uint8Array; the database drivers bind Buffers.
      return m.blocks.map((b) => ({ ...b, body: Buffer.from(b.body.buffer, b.body.byteOffset, b.body.byteLength) }));
    },
    async finish() {
      const m = await take();
      if (m.kind === 'error') throw failure(m);
      if (m.kind === 'batch') throw mismatch(`${m.count} enregistrements de plus à la seconde lecture`);
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
}
