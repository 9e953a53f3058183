/**
 * Node-only side of the CSV source: which file to read (a file, or the newest of a drop folder),
 * read as a stream of pieces, once per pass, never whole.
 */
import { readdir, stat } from 'node:fs/promises';
import { createReadStream, type Stats } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { CsvSourceConfig } from '../../config/schema.ts';
import type { RecordStream } from '../../core/types.ts';
import { SourceError } from '../errors.ts';
import { streamOnce } from '../stream.ts';
import { csvRecordStream } from './csv-stream.ts';
import type { CsvReadOptions } from './read-options.ts';
import type { SingleByteDecoder } from './windows-1252.ts';

/**
 * Extensions of an export. Anything else in a drop folder is not one: uploads in progress
 * (`export.csv.filepart` from WinSCP, `.tmp`, `.part`), archives (`.zip`), notes; read as the
 * newest file, their rows would be garbage or missing, and every contract absent from them archived.
 */
const EXPORT_EXTENSIONS = new Set(['.csv', '.txt', '.tsv']);

/** Dot files and Office lock files ("~$export.csv") are never the export, whatever their extension. */
function isCandidate(name: string): boolean {
  return !name.startsWith('.') && !name.startsWith('~') && EXPORT_EXTENSIONS.has(extname(name).toLowerCase());
}

export async function newestFile(dir: string): Promise<{ path: string; mtime: Date }> {
  const entries = await readdir(dir, { withFileTypes: true });
  let best: { path: string; mtime: Date } | null = null;
  for (const entry of entries) {
    if (!entry.isFile() || !isCandidate(entry.name)) continue;
    const path = join(dir, entry.name);
    const { mtime } = await stat(path);
    // Equal mtimes (files copied together) fall back to the name: daily exports are usually date-stamped.
    if (!best || mtime > best.mtime || (mtime.getTime() === best.mtime.getTime() && path > best.path)) {
      best = { path, mtime };
    }
  }
  if (!best) throw new SourceError(`Aucun fichier .csv, .txt ou .tsv à lire dans le dossier ${dir}.`);
  return best;
}

export interface CsvSourceOptions {
  /** The layout guessed from this many first bytes (process.ts): for a reader that can start over on a CsvGuessError. */
  guessBytes?: number;
  /**
   * How long a file must keep the same size and modification time before it is read (300 ms).
   * An upload still running at the scheduled hour (FTP, SMB copy) would otherwise be read
   * truncated, and the contracts after the cut archived. Tests set it near 0.
   */
  settleMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Fails when the file changes while we watch it: better no run tonight than a truncated one. */
async function assertSettled(path: string, before: { size: number; mtimeMs: number }, settleMs: number): Promise<void> {
  await sleep(settleMs);
  let after: Stats;
  try {
    after = await stat(path);
  } catch (err) {
    // Renamed or removed meanwhile: an upload tool swapping its temporary file in.
    throw new SourceError(
      `Import interrompu, fichier en cours d’écriture : ${basename(path)} (disparu pendant la vérification) ; la prochaine exécution le lira.`,
      { cause: err },
    );
  }
  if (after.size !== before.size || after.mtimeMs !== before.mtimeMs) {
    throw new SourceError(
      `Import interrompu, fichier en cours d’écriture : ${basename(path)} (sa taille ou sa date change encore) ; ` +
        'un fichier incomplet archiverait les contrats manquants. La prochaine exécution le lira.',
    );
  }
}

/** Pieces of a file read: few enough calls, small enough to keep memory flat. */
const PIECE_BYTES = 1024 * 1024;

const latin1: SingleByteDecoder = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

function changedWhileRead(path: string): SourceError {
  return new SourceError(
    `Import interrompu, fichier en cours d’écriture : ${basename(path)} (sa taille a changé pendant la lecture) ; la prochaine exécution le lira.`,
  );
}

/** One read of the file; a length other than the one settled on means a write meanwhile: the same check, for free. */
async function* readFileOnce(path: string, size: number): AsyncGenerator<Uint8Array> {
  let read = 0;
  for await (const piece of createReadStream(path, { highWaterMark: PIECE_BYTES })) {
    const bytes = piece as Buffer;
    read += bytes.length;
    if (read > size) throw changedWhileRead(path);
    yield bytes;
  }
  if (read !== size) throw changedWhileRead(path);
}

async function settledFile(cfg: CsvSourceConfig, settleMs: number): Promise<{ path: string; before: Stats }> {
  let info: Stats;
  try {
    info = await stat(cfg.path);
  } catch (err) {
    throw new SourceError(`Fichier ou dossier introuvable : ${cfg.path}`, { cause: err });
  }
  const path = info.isDirectory() ? (await newestFile(cfg.path)).path : cfg.path;
  let before: Stats;
  try {
    before = await stat(path);
  } catch (err) {
    throw new SourceError(`Fichier introuvable : ${path}`, { cause: err });
  }
  await assertSettled(path, before, settleMs);
  return { path, before };
}

/**
 * A CSV file as a RecordStream (a file given to the CLI): read in pieces, once per pass, its
 * length checked on each.
 */
export async function csvFileStream(
  path: string,
  cfg: CsvReadOptions,
  opts: Pick<CsvSourceOptions, 'guessBytes'> = {},
): Promise<RecordStream> {
  let info: Stats;
  try {
    info = await stat(path);
  } catch (err) {
    throw new SourceError(`Fichier introuvable\u202f: ${path}`, { cause: err });
  }
  const meta = { file: basename(path), path, modifiedAt: info.mtime.toISOString(), bytes: info.size };
  return csvRecordStream(() => readFileOnce(path, info.size), cfg, meta, { singleByte: latin1, guessBytes: opts.guessBytes });
}

/**
 * The organisation's CSV export as a RecordStream. Choosing the file and the settle check happen
 * when its batches are first asked for, inside the run, and fail it (SourceError) like any read.
 */
export function readCsvSource(cfg: CsvSourceConfig, opts: CsvSourceOptions = {}): RecordStream {
  const settleMs = opts.settleMs ?? 300;
  const meta: Record<string, string | number> = {};
  return streamOnce('csv', meta, async function* read(stream) {
    const { path, before } = await settledFile(cfg, settleMs);
    Object.assign(meta, { file: basename(path), path, modifiedAt: before.mtime.toISOString(), bytes: before.size });
    const csv = csvRecordStream(() => readFileOnce(path, before.size), cfg, meta, { singleByte: latin1, guessBytes: opts.guessBytes });
    yield* csv.batches();
    // Each pass read the settled length; a rewrite in place of the same length is caught here.
    await assertSettled(path, before, 0);
    stream.truncated = csv.truncated;
  });
}
