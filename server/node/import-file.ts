/** Reads a file given on the command line: a JSON array or NDJSON (push shape), or a CSV read with the org's mapping. */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { OrgConfig } from '../config/schema.ts';
import type { Snapshot } from '../core/types.ts';
import { RunError } from '../runner/runner.ts';
import { bodyError } from '../runner/open-input.ts';
import { parsePushBody, readCsv } from '../sources/index.ts';

export function snapshotFromFile(org: OrgConfig, file: string): Snapshot {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new RunError('SOURCE_FAILED', `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  if (['.json', '.ndjson', '.jsonl'].includes(extname(file).toLowerCase())) {
    try {
      return parsePushBody(bytes.toString('utf8'), Number.MAX_SAFE_INTEGER);
    } catch (err) {
      throw bodyError(err);
    }
  }
  if (org.source.kind !== 'csv') {
    throw new RunError(
      'NOT_RUNNABLE',
      `${file} is not a .json file and organisation ${org.id} has no CSV mapping (source kind ${org.source.kind})`,
    );
  }
  const s = org.source;
  const snapshot = readCsv(new Uint8Array(bytes), {
    mapping: s.mapping,
    encoding: s.encoding,
    delimiter: s.delimiter,
    headerRow: s.headerRow,
    dateFormat: s.dateFormat,
  });
  return { ...snapshot, meta: { ...snapshot.meta, file } };
}
