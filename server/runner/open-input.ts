/**
 * Opening what a job reads, for the inputs that need nothing of Node: a snapshot already in
 * memory, a push body held in memory. The Node edge (server/node/open-input.ts) adds files,
 * the configured sources and bodies spooled to disk.
 */
import { snapshotStream } from '../core/run-import.ts';
import type { RecordStream } from '../core/types.ts';
import { PushBodyError, parsePushBody } from '../sources/push/index.ts';
import type { ImportJob } from './import-job.ts';
import { RunError } from './runner.ts';

/** A body failure (not JSON, too large) as the runner reports it: the run fails, the caller gets a 400/413. */
export function bodyError(err: unknown): unknown {
  if (err instanceof PushBodyError) return new RunError(err.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'INVALID_BODY', err.message);
  return err;
}

/** Errors thrown while reading, translated by bodyError. */
export function withBodyErrors(stream: RecordStream): RecordStream {
  return {
    ...stream,
    async *batches() {
      try {
        yield* stream.batches();
      } catch (err) {
        throw bodyError(err);
      }
    },
  };
}

/** A push body's bytes as records. */
export function bodyStream(bytes: Uint8Array, maxBytes: number): RecordStream {
  let text: string;
  try {
    // fatal: a body in another encoding (a Windows-1252 export posted as is) is refused with a
    // clear message rather than integrated with U+FFFD in every accented name.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new RunError('INVALID_ENCODING', 'Le corps n’est pas en UTF-8 : envoyez le JSON encodé en UTF-8.');
  }
  try {
    return snapshotStream(parsePushBody(text, maxBytes));
  } catch (err) {
    throw bodyError(err);
  }
}

export async function openMemoryInput(job: ImportJob, maxBytes: number): Promise<RecordStream> {
  const input = job.input;
  if (input.kind === 'snapshot') return snapshotStream(input.snapshot);
  if (input.kind === 'body' && input.body.kind === 'bytes') return bodyStream(input.body.bytes, maxBytes);
  throw new RunError('NOT_RUNNABLE', `Cette source (${input.kind}) ne se lit pas ici.`);
}
