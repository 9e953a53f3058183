/**
 * The thread of threaded-input.ts: reads a run's input with the very reader the run would use
 * (openNodeInput), encodes each batch into the blocks the store keeps, and hands the batch over
 * as those blocks plus one JSON text of its records. It waits when it is far ahead of the
 * importing thread, so batches never pile up in memory.
 */
import { contractFields } from '../../contract/index.ts';
import type { ReceivedRecord } from '../core/types.ts';
import { RunError } from '../runner/runner.ts';
import { BLOCK_RECORDS, encodeBlock } from '../store/sqlite/received.ts';
import type { ReceivedBlock } from '../store/store.ts';
import { lowerThisThreadPriority } from './background-priority.ts';
import { openNodeInput } from './open-input.ts';
import type { PackedRecord, ThreadedInputMessage, ThreadedInputTask } from './threaded-input.ts';

/** Batches handed over and not yet taken, at most (about 0.5 MB each). */
const AHEAD = 16;

function packed(r: ReceivedRecord): PackedRecord {
  const out: PackedRecord = [r.index, r.line ?? null, r.malformed ?? null];
  const fields = r.fields as Record<string, unknown>;
  for (const f of contractFields) out.push(fields[f] ?? null);
  return out;
}

/** Reads and hands over every batch; a failure is told on the port, after the batches read before it. */
export default async function read(task: ThreadedInputTask): Promise<void> {
  const send = (m: ThreadedInputMessage) => task.port.postMessage(m);
  try {
    if (task.nice > 0) lowerThisThreadPriority(task.nice);
    const taken = new Int32Array(task.taken);
    const stream = await openNodeInput(task.job, task.maxBodyBytes);
    let sent = 0;
    for await (const batch of stream.batches()) {
      const blocks: ReceivedBlock[] = [];
      for (let i = 0; i < batch.length; i += BLOCK_RECORDS) {
        const slice = batch.slice(i, i + BLOCK_RECORDS);
        const { hash, body } = encodeBlock(slice);
        blocks.push({ records: slice.length, hash, body });
      }
      const records = JSON.stringify(batch.map(packed));
      for (let seen = Atomics.load(taken, 0); sent - seen >= AHEAD; seen = Atomics.load(taken, 0)) Atomics.wait(taken, 0, seen, 1_000);
      send({ kind: 'batch', records, blocks });
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
