/**
 * The thread of threaded-input.ts: reads a run's input with the very reader the run would use
 * (openNodeInput), encodes each batch into the blocks the store keeps, and hands the batch over
 * as those blocks, deflated for the store and as text for the importing thread to read. It
 * waits when it is far ahead of the importing thread, so batches never pile up in memory.
 */
import { RunError } from '../runner/runner.ts';
import { BLOCK_RECORDS, encodeBlock } from '../store/sqlite/received.ts';
import type { ReceivedBlock } from '../store/store.ts';
import { lowerThisThreadPriority } from './background-priority.ts';
import { openNodeInput } from './open-input.ts';
import type { ThreadedInputMessage, ThreadedInputTask } from './threaded-input.ts';

/** Batches handed over and not yet taken, at most (about 0.5 MB each). */
const AHEAD = 16;

/** Reads and hands over every batch; a failure is told on the port, after the batches read before it. */
export default async function read(task: ThreadedInputTask): Promise<void> {
  const send = (m: ThreadedInputMessage) => task.port.postMessage(m);
  try {
    if (task.nice > 0) lowerThisThreadPriority(task.nice);
    const taken = new Int32Array(task.taken);
    const stream = await openNodeInput(task.job, task.maxBodyBytes, { guessBytes: task.guessBytes });
    const known = new Set(task.knownBlocks);
    let sent = 0;
    for await (const batch of stream.batches()) {
      const blocks: ReceivedBlock[] = [];
      const texts: string[] = [];
      for (let i = 0; i < batch.length; i += BLOCK_RECORDS) {
        const slice = batch.slice(i, i + BLOCK_RECORDS);
        const { hash, body, text } = encodeBlock(slice, known);
        blocks.push({ records: slice.length, hash, body });
        texts.push(text);
      }
      for (let seen = Atomics.load(taken, 0); sent - seen >= AHEAD; seen = Atomics.load(taken, 0)) Atomics.wait(taken, 0, seen, 1_000);
      send({ kind: 'batch', texts, blocks });
      sent++;
    }
    send({ kind: 'end', source: stream.source, meta: { ...stream.meta }, truncated: stream.truncated === true });
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    send({ kind: 'error', name: e.name, message: e.message, ...(err instanceof RunError ? { code: err.code } : {}) });
  } finally {
    task.port.close();
  }
}
