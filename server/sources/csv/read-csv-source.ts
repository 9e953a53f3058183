/** Node-only side of the CSV source: which file to read (a file, or the newest of a drop folder). */
import { readdir, readFile, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { CsvSourceConfig } from '../../config/schema.ts';
import type { Snapshot } from '../../core/types.ts';
import { SourceError } from '../errors.ts';
import { readCsv } from './read-csv.ts';

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
      `Import interrompu, fichier en cours d'écriture : ${basename(path)} (disparu pendant la vérification) ; la prochaine exécution le lira.`,
      { cause: err },
    );
  }
  if (after.size !== before.size || after.mtimeMs !== before.mtimeMs) {
    throw new SourceError(
      `Import interrompu, fichier en cours d'écriture : ${basename(path)} (sa taille ou sa date change encore) ; ` +
        'un fichier incomplet archiverait les contrats manquants. La prochaine exécution le lira.',
    );
  }
}

export async function readCsvSource(cfg: CsvSourceConfig, opts: CsvSourceOptions = {}): Promise<Snapshot> {
  const settleMs = opts.settleMs ?? 300;
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
  const bytes = await readFile(path);
  // A write between the last stat and the read would change the length: the same check, for free.
  if (bytes.length !== before.size) {
    throw new SourceError(
      `Import interrompu, fichier en cours d'écriture : ${basename(path)} (sa taille a changé pendant la lecture) ; la prochaine exécution le lira.`,
    );
  }
  return readCsv(bytes, cfg, { file: basename(path), path, modifiedAt: before.mtime.toISOString(), bytes: bytes.length });
}
