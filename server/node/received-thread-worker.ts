/**
 * The thread of received-thread.ts: reads the run's input a second time, with the very reader
 * the run uses (openNodeInput), and encodes each batch into the blocks the store keeps. It waits
 * when it is far ahead of the importing thread, so its blocks never pile up in memory.
 */
import { statSync } from 'node:fs';
import { BLOCK_RECORDS, encodeBlock } from '../store/sqlite/received.ts';
import type { ReceivedBlock } from '../store/store.ts';
import { lowerThisThreadPriority } from './background-priority.ts';
import { openNodeInput } from './open-input.ts';
import type { ReceivedThreadMessage, ReceivedThreadTask } from './received-thread.ts';

/** Batches handed over and not yet taken, at most (about 50 kB of deflated blocks each). */
const AHEAD = 32;

function assertSameFile(data: ReceivedThreadTask): void {
  const { size, mtimeMs } = statSync(data.file.path);
  if (size !== data.file.size || mtimeMs !== data.file.mtimeMs) {
    const err = new Error(
      `Import interrompu, fichier modifié pendant la lecture : ${data.file.path} a changé de taille ou de date ; la prochaine exécution le lira.`,
    );
    err.name = 'SourceError';
    throw err;
  }
}

/** Reads and hands over every batch; a failure is told on the port too, in order after the batches. */
export default async function read(data: ReceivedThreadTask): Promise<void> {
  const send = (m: ReceivedThreadMessage) => data.port.postMessage(m);
  try {
    await readInto(data, send);
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    send({ kind: 'error', name: e.name, message: e.message });
  } finally {
    data.port.close();
  }
}

async function readInto(data: ReceivedThreadTask, send: (m: ReceivedThreadMessage) => void): Promise<void> {
  if (data.nice > 0) lowerThisThreadPriority(data.nice);
  const taken = new Int32Array(data.taken);
  assertSameFile(data);
  const stream = await openNodeInput(data.job, data.maxBodyBytes);
  let sent = 0;
  for await (const batch of stream.batches()) {
    const blocks: ReceivedBlock[] = [];
    for (let i = 0; i < batch.length; i += BLOCK_RECORDS) {
      const slice = batch.slice(i, i + BLOCK_RECORDS);
      const { hash, body } = encodeBlock(slice);
      blocks.push({ records: slice.length, hash, body });
    }
    for (let seen = Atomics.load(taken, 0); sent - seen >= AHEAD; seen = Atomics.load(taken, 0)) Atomics.wait(taken, 0, seen, 1_000);
    send({ kind: 'batch', count: batch.length, blocks });
    sent++;
  }
  assertSameFile(data);
  send({ kind: 'end' });
}
