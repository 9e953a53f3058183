/**
 * A CSV export already in memory -> Snapshot. Pure (no node: imports) so the browser can preview
 * an upload with exactly the server's reading: the same process as the streamed source, fed
 * with pieces of the bytes instead of reads of a file.
 */
import type { ReceivedRecord, Snapshot } from '../../core/types.ts';
import type { CsvReadOptions } from './read-options.ts';
import { csvProcess, type CsvInput, type CsvOutcome } from './process.ts';

export type { CsvReadOptions } from './read-options.ts';

/** Pieces the size a file read gives, so that in-memory and streamed reads take the same paths. */
const PIECE = 1024 * 1024;

function* pieces(bytes: Uint8Array): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += PIECE) yield bytes.subarray(at, at + PIECE);
}

export function readCsv(bytes: Uint8Array, opts: CsvReadOptions, meta: Record<string, string | number> = {}): Snapshot {
  const outcome: CsvOutcome = { meta: { ...meta }, truncated: false };
  const records: ReceivedRecord[] = [];
  const process = csvProcess(opts, outcome);
  let reading: Iterator<Uint8Array> = pieces(bytes);
  let input: CsvInput;
  for (;;) {
    const step = process.next(input);
    if (step.done) break;
    input = undefined;
    const want = step.value;
    if (want.kind === 'open') reading = pieces(bytes);
    else if (want.kind === 'next') input = reading.next().value ?? null;
    else for (const record of want.records) records.push(record);
  }
  return { source: 'csv', records, meta: outcome.meta };
}
