/**
 * Opening what a job reads, on Node: files given to the CLI, push bodies spooled to disk, the
 * organisation's configured source (a CSV file or folder, a pull API), each read as a stream;
 * the rest as in memory.
 */
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { extname } from 'node:path';
import type { OrgConfig } from '../config/schema.ts';
import type { RecordStream } from '../core/types.ts';
import type { ImportJob } from '../runner/import-job.ts';
import { bodyStream, openMemoryInput } from '../runner/open-input.ts';
import { RunError } from '../runner/runner.ts';
import { csvFileStream, pullRecordStream, readCsvSource } from '../sources/index.ts';

const PIECE_BYTES = 1024 * 1024;

const unreadable: Record<string, string> = {
  ENOENT: 'fichier introuvable',
  EACCES: 'lecture non autorisée',
  EISDIR: 'c’est un dossier',
};

/** A file the CLI names is checked before the run reads it, so a typo fails with its path and cause in words. */
async function readable(path: string): Promise<void> {
  try {
    await access(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
    throw new RunError('SOURCE_FAILED', `Impossible de lire ${path}\u202f: ${unreadable[code] ?? 'erreur de lecture'} (${code}).`);
  }
}

/** How a reading that can start over reads a CSV file (see CsvGuessError). */
export interface NodeInputOptions {
  /** The CSV layout guessed from this many first bytes. */
  guessBytes?: number;
}

async function fileStream(org: OrgConfig, path: string, opts: NodeInputOptions): Promise<RecordStream> {
  await readable(path);
  const ext = extname(path).toLowerCase();
  if (ext === '.json' || ext === '.ndjson' || ext === '.jsonl') {
    return bodyStream(createReadStream(path, { highWaterMark: PIECE_BYTES }), ext === '.json' ? 'json' : 'ndjson', Number.MAX_SAFE_INTEGER);
  }
  if (org.source.kind !== 'csv') {
    throw new RunError(
      'NOT_RUNNABLE',
      `${path} n’est ni un fichier .json ni un fichier .ndjson, et l’organisation ${org.id} n’a pas de correspondance CSV (source ${org.source.kind}).`,
    );
  }
  return csvFileStream(path, org.source, opts);
}

export async function openNodeInput(job: ImportJob, maxBytes: number, opts: NodeInputOptions = {}): Promise<RecordStream> {
  const input = job.input;
  switch (input.kind) {
    case 'file':
      return fileStream(job.org, input.path, opts);
    case 'configured': {
      const source = job.org.source;
      if (source.kind === 'csv') return readCsvSource(source, opts);
      if (source.kind === 'pull') return pullRecordStream(source);
      throw new RunError('NOT_RUNNABLE', `${job.org.id} reçoit ses contrats par push\u202f: son ERP les envoie.`);
    }
    case 'body':
      if (input.body.kind === 'file') {
        return bodyStream(createReadStream(input.body.path, { highWaterMark: PIECE_BYTES }), input.body.format, maxBytes);
      }
      return openMemoryInput(job, maxBytes);
    default:
      return openMemoryInput(job, maxBytes);
  }
}
