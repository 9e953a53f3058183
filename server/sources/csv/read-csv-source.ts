/** Node-only side of the CSV source: which file to read (a file, or the newest of a drop folder). */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { CsvSourceConfig } from '../../config/schema.ts';
import type { Snapshot } from '../../core/types.ts';
import { SourceError } from '../errors.ts';
import { readCsv } from './read-csv.ts';

/** Dot files and Office lock files ("~$export.csv") are never the export. */
function isCandidate(name: string): boolean {
  return !name.startsWith('.') && !name.startsWith('~');
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
  if (!best) throw new SourceError(`Aucun fichier à lire dans le dossier ${dir}.`);
  return best;
}

export async function readCsvSource(cfg: CsvSourceConfig): Promise<Snapshot> {
  let info;
  try {
    info = await stat(cfg.path);
  } catch (err) {
    throw new SourceError(`Fichier ou dossier introuvable : ${cfg.path}`, { cause: err });
  }
  const file = info.isDirectory() ? await newestFile(cfg.path) : { path: cfg.path, mtime: info.mtime };
  const bytes = await readFile(file.path);
  return readCsv(
    bytes,
    cfg,
    { file: basename(file.path), path: file.path, modifiedAt: file.mtime.toISOString(), bytes: bytes.length },
  );
}
