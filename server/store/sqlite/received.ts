/**
 * Received records, kept verbatim at national scale: ~1,000 records per block, one NDJSON line
 * per record (see encode()), deflated. A block is stored once under the
 * hash of its text, whichever runs received it: the same export received again adds nothing
 * but references. Blocks are cut at fixed positions (every BLOCK_RECORDS records from the first)
 * so that an unchanged export cuts into the very same blocks.
 */
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { contractFields } from '../../../contract/index.ts';
import type { ReceivedRecord } from '../../core/types.ts';

export const BLOCK_RECORDS = 1_000;

/**
 * One line per record: `[index, line, malformed, raw, fields]`. A raw object's keys are written
 * once per run of records sharing them (a `{"k": [...]}` line), its values as an array: a CSV
 * row's forty headers are not repeated a thousand times. Fields are written in contractFields
 * order. Both make the text half as long, so hashing and deflating it cost half as much.
 */
type Line = [index: number, line: number | null, malformed: string | null, raw: unknown, fields: (string | null)[]];
type KeysLine = { k: string[] };

const OBJECT = 1;

function encode(records: readonly ReceivedRecord[]): string {
  let text = '';
  let keys: string[] | null = null;
  for (const r of records) {
    let raw: unknown = r.raw ?? null;
    if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
      const k = Object.keys(raw);
      if (!keys || k.length !== keys.length || k.some((key, i) => key !== (keys as string[])[i])) {
        keys = k;
        text += `${JSON.stringify({ k } satisfies KeysLine)}\n`;
      }
      const obj = raw as Record<string, unknown>;
      raw = [OBJECT, k.map((key) => obj[key])];
    } else {
      raw = [0, raw];
    }
    const f = r.fields as Record<string, string | undefined>;
    const line: Line = [r.index, r.line ?? null, r.malformed ?? null, raw, contractFields.map((name) => f[name] ?? null)];
    text += `${JSON.stringify(line)}\n`;
  }
  return text;
}

export function decodeBlock(body: Uint8Array): ReceivedRecord[] {
  const text = inflateRawSync(body).toString('utf8');
  const out: ReceivedRecord[] = [];
  let keys: string[] = [];
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    if (end < 0) break;
    const parsed = JSON.parse(text.slice(start, end)) as Line | KeysLine;
    start = end + 1;
    if (!Array.isArray(parsed)) {
      keys = parsed.k;
      continue;
    }
    const [index, line, malformed, [kind, value], values] = parsed as [
      number,
      number | null,
      string | null,
      [number, unknown],
      (string | null)[],
    ];
    let raw: unknown = value;
    if (kind === OBJECT) {
      const obj: Record<string, unknown> = {};
      (value as unknown[]).forEach((v, i) => {
        obj[keys[i]] = v;
      });
      raw = obj;
    }
    const fields: ReceivedRecord['fields'] = {};
    values.forEach((v, i) => {
      if (v !== null) fields[contractFields[i]] = v;
    });
    // Optional properties stay absent (not undefined) so a record reads back as it was given.
    const rec: ReceivedRecord = { index, raw, fields };
    if (malformed !== null) rec.malformed = malformed;
    if (line !== null) rec.line = line;
    out.push(rec);
  }
  return out;
}

/** Stores one block of a run (the caller holds a write transaction). */
export function keepBlock(db: Database.Database, runId: string, seq: number, first: number, records: readonly ReceivedRecord[]): void {
  const text = encode(records);
  const hash = createHash('sha1').update(text).digest('base64url');
  const known = db.prepare<[string], { id: number }>('SELECT id FROM received_chunks WHERE hash = ?').get(hash);
  // Level 1: most of the gain at a fraction of the time; the nightly run is the hot path.
  const id =
    known?.id ??
    Number(
      db
        .prepare('INSERT INTO received_chunks (hash, records, body) VALUES (?, ?, ?)')
        .run(hash, records.length, deflateRawSync(text, { level: 1 })).lastInsertRowid,
    );
  db.prepare('INSERT INTO run_received (run_id, seq, first, chunk) VALUES (?, ?, ?, ?)').run(runId, seq, first, id);
}
