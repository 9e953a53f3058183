/** What every source shares about RecordStreams. */
import type { runSource } from '../../contract/api.ts';
import type { RecordStream, ReceivedRecord, Snapshot } from '../core/types.ts';

/**
 * A RecordStream whose batches `read` produces, started when they are first asked for (inside
 * the run), once: a second reading would fetch or read the source again.
 */
export function streamOnce(
  source: runSource,
  meta: Record<string, string | number>,
  read: (stream: RecordStream) => AsyncIterable<ReceivedRecord[]>,
): RecordStream {
  let started = false;
  const stream: RecordStream = {
    source,
    meta,
    batches() {
      if (started) throw new Error('A RecordStream is read once.');
      started = true;
      return read(stream);
    },
  };
  return stream;
}

/**
 * A stream read whole into a Snapshot: for callers that need every record at once (a preview,
 * tests, a runner not yet streaming). Costs the memory streaming saves.
 */
export async function collectSnapshot(stream: RecordStream): Promise<Snapshot> {
  const records: ReceivedRecord[] = [];
  for await (const batch of stream.batches()) for (const record of batch) records.push(record);
  return { source: stream.source, records, meta: stream.meta };
}
