/**
 * A CSV export as a RecordStream: the file is read once per pass (see process.ts), never held
 * whole, and handed over in batches of CSV_BATCH_SIZE records. Pure: `open` is whatever reads
 * the bytes again from the start (a file on Node, a Blob in a browser).
 */
import type { RecordStream, ReceivedRecord } from '../../core/types.ts';
import { streamOnce } from '../stream.ts';
import type { CsvReadOptions } from './read-options.ts';
import { csvProcess, type CsvInput, type CsvOutcome } from './process.ts';
import type { SingleByteDecoder } from './windows-1252.ts';

export interface CsvStreamIo {
  singleByte?: SingleByteDecoder;
  guessBytes?: number;
}

/**
 * `open` is called once per pass: twice, three or four times when a file without a BOM proves
 * not to be valid UTF-8. `meta` (facts known beforehand: the file's name...) is completed in
 * place as the read ends, and is the stream's `meta`. `io.singleByte`: see SingleByteDecoder;
 * `io.guessBytes`: the layout guessed from the start of the file (process.ts), for a reader
 * that can start over on a CsvGuessError.
 */
export function csvRecordStream(
  open: () => AsyncIterable<Uint8Array>,
  opts: CsvReadOptions,
  meta: Record<string, string | number> = {},
  io: CsvStreamIo = {},
): RecordStream {
  return streamOnce('csv', meta, async function* read(stream): AsyncGenerator<ReceivedRecord[]> {
    const outcome: CsvOutcome = { meta, truncated: false };
    const process = csvProcess(opts, outcome, io.singleByte, io.guessBytes);
    let reading: AsyncIterator<Uint8Array> | undefined;
    let input: CsvInput;
    try {
      for (;;) {
        const step = process.next(input);
        if (step.done) break;
        input = undefined;
        const want = step.value;
        if (want.kind === 'open') {
          // A pass that stopped early (the bytes proved not to be UTF-8) closes its read first.
          await reading?.return?.();
          reading = open()[Symbol.asyncIterator]();
        } else if (want.kind === 'next') {
          const next = await (reading as AsyncIterator<Uint8Array>).next();
          input = next.done ? null : next.value;
        } else yield want.records;
      }
      stream.truncated = outcome.truncated;
    } finally {
      await reading?.return?.();
    }
  });
}
