/**
 * Opening what a job reads, on Node: files given to the CLI, push bodies spooled to disk, the
 * organisation's configured source (a CSV file or folder, a pull API); the rest as in memory.
 */
import { readFile } from 'node:fs/promises';
import { snapshotStream } from '../core/run-import.ts';
import type { RecordStream } from '../core/types.ts';
import type { ImportJob } from '../runner/import-job.ts';
import { bodyStream, openMemoryInput } from '../runner/open-input.ts';
import { snapshotFromFile } from './import-file.ts';
import { readSource } from './read-source.ts';

export async function openNodeInput(job: ImportJob, maxBytes: number): Promise<RecordStream> {
  const input = job.input;
  switch (input.kind) {
    case 'file':
      return snapshotStream(snapshotFromFile(job.org, input.path));
    case 'configured':
      return snapshotStream(await readSource(job.org));
    case 'body':
      if (input.body.kind === 'file') return bodyStream(new Uint8Array(await readFile(input.body.path)), maxBytes);
      return openMemoryInput(job, maxBytes);
    default:
      return openMemoryInput(job, maxBytes);
  }
}
