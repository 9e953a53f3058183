/** What every source shares about RecordStreams. */
import type { RecordStream, ReceivedRecord, Snapshot } from '../core/types.ts';

/**
 * A stream read whole into a Snapshot: for callers that need every record at once (a preview,
 * tests, a runner not yet streaming). Costs the memory streaming saves.
 */
export async function collectSnapshot(stream: RecordStream): Promise<Snapshot> {
  const records: ReceivedRecord[] = [];
  for await (const batch of stream.batches()) for (const record of batch) records.push(record);
  return { source: stream.source, records, meta: stream.meta };
}
