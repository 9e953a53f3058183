/**
 * Opening what a job reads, for the inputs that need nothing of Node: a snapshot already in
 * memory, a push body held in memory. The Node edge (server/node/open-input.ts) adds files,
 * the configured sources and bodies spooled to disk.
 */
import { snapshotStream } from '../core/run-import.ts';
import type { RecordStream } from '../core/types.ts';
import { PushBodyError, pushRecordStream } from '../sources/push/index.ts';
import type { ImportJob } from './import-job.ts';
import { type BodyFormat, RunError } from './runner.ts';

/** A body failure (not JSON, not UTF-8, too large) as the runner reports it: the run fails, the caller gets a 400/413. */
export function bodyError(err: unknown): unknown {
  if (err instanceof PushBodyError) {
    if (err.code === 'INVALID_ENCODING') return new RunError('INVALID_ENCODING', err.message);
    return new RunError(err.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'INVALID_BODY', err.message);
  }
  return err;
}

/** Errors thrown while reading, translated by bodyError. */
export function withBodyErrors(stream: RecordStream): RecordStream {
  return {
    get source() {
      return stream.source;
    },
    get meta() {
      return stream.meta;
    },
    get truncated() {
      return stream.truncated;
    },
    async *batches() {
      try {
        yield* stream.batches();
      } catch (err) {
        throw bodyError(err);
      }
    },
  };
}

/** Pieces of a body held in memory, as a body arriving from the network would come. */
async function* piecesOf(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  const PIECE = 1024 * 1024;
  for (let at = 0; at < bytes.length; at += PIECE) yield bytes.subarray(at, at + PIECE);
}

/** A push body as records, read as a stream (a JSON array or NDJSON). */
export function bodyStream(pieces: AsyncIterable<Uint8Array>, format: BodyFormat, maxBytes: number): RecordStream {
  return withBodyErrors(pushRecordStream(pieces, { format, maxBytes }));
}

export async function openMemoryInput(job: ImportJob, maxBytes: number): Promise<RecordStream> {
  const input = job.input;
  if (input.kind === 'snapshot') return snapshotStream(input.snapshot);
  if (input.kind === 'body' && input.body.kind === 'bytes') return bodyStream(piecesOf(input.body.bytes), input.body.format, maxBytes);
  throw new RunError('NOT_RUNNABLE', `Cette source (${input.kind}) ne se lit pas ici.`);
}
