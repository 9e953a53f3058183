/**
 * A push body as a RecordStream: read as it arrives, never held as one string (a JSON text over
 * ~500 MB cannot even be one V8 string), memory one element plus one piece.
 */
import type { RecordStream, ReceivedRecord } from '../../core/types.ts';
import { PushBodyReader, type PushReadOptions } from './body-reader.ts';

/** Records handed over at a time (as the CSV source does). */
export const PUSH_BATCH_SIZE = 1000;

/**
 * Whole-body failures (413, not UTF-8, not JSON, not an array, empty) are PushBodyErrors thrown
 * from the iteration, possibly after earlier batches: the run fails as a whole and applies nothing.
 */
export function pushRecordStream(bytes: AsyncIterable<Uint8Array>, opts: PushReadOptions): RecordStream {
  const reader = new PushBodyReader(opts);
  const meta: Record<string, string | number> = {};
  let started = false;
  async function* read(): AsyncGenerator<ReceivedRecord[]> {
    let pending: ReceivedRecord[] = [];
    for await (const piece of bytes) {
      pending = pending.concat(reader.write(piece));
      while (pending.length >= PUSH_BATCH_SIZE) {
        yield pending.slice(0, PUSH_BATCH_SIZE);
        pending = pending.slice(PUSH_BATCH_SIZE);
      }
    }
    pending = pending.concat(reader.end());
    for (let at = 0; at < pending.length; at += PUSH_BATCH_SIZE) yield pending.slice(at, at + PUSH_BATCH_SIZE);
    Object.assign(meta, reader.meta());
  }
  return {
    source: 'push',
    meta,
    batches() {
      if (started) throw new Error('A RecordStream is read once.');
      started = true;
      return read();
    },
  };
}
