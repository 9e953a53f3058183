/**
 * A push body as a RecordStream: read as it arrives, never held as one string (a JSON text over
 * ~500 MB cannot even be one V8 string), memory one element plus one piece.
 */
import type { RecordStream, ReceivedRecord } from '../../core/types.ts';
import { MAX_BATCH_CHARS } from '../limits.ts';
import { streamOnce } from '../stream.ts';
import { PushBodyReader, type PushReadOptions } from './body-reader.ts';

/** Records handed over at a time (as the CSV source does). */
export const PUSH_BATCH_SIZE = 1000;

/** ... or fewer, once this much of the body is read (see MAX_BATCH_CHARS). */
export const PUSH_BATCH_BYTES = MAX_BATCH_CHARS;

/**
 * Whole-body failures (413, not UTF-8, not JSON, not an array, empty) are PushBodyErrors thrown
 * from the iteration, possibly after earlier batches: the run fails as a whole and applies nothing.
 */
export function pushRecordStream(bytes: AsyncIterable<Uint8Array>, opts: PushReadOptions): RecordStream {
  const reader = new PushBodyReader(opts);
  const meta: Record<string, string | number> = {};
  return streamOnce('push', meta, async function* read() {
    let pending: ReceivedRecord[] = [];
    /** Body bytes read since nothing was pending: at least what the pending records were read from. */
    let pendingBytes = 0;
    /** Full batches of what is pending (all of it at the end), the rest kept. */
    function* batches(all: boolean): Generator<ReceivedRecord[]> {
      let at = 0;
      for (; pending.length - at >= PUSH_BATCH_SIZE || (all && at < pending.length); at += PUSH_BATCH_SIZE) {
        yield pending.slice(at, at + PUSH_BATCH_SIZE);
      }
      pending = pending.slice(at);
    }
    for await (const piece of bytes) {
      pendingBytes += piece.length;
      for (const record of reader.write(piece)) pending.push(record);
      if (pendingBytes >= PUSH_BATCH_BYTES && pending.length > 0) yield* batches(true);
      else yield* batches(false);
      if (pending.length === 0) pendingBytes = 0;
    }
    for (const record of reader.end()) pending.push(record);
    yield* batches(true);
    Object.assign(meta, reader.meta());
  });
}
