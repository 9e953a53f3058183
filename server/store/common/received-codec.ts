/**
 * The text of a block of received records, shared by the stores that keep them in blocks
 * (SQLite, PostgreSQL): each store hashes and deflates it its own way. Pure, no Node module.
 */
import { contractFields } from '../../../contract/index.ts';
import type { ReceivedRecord } from '../../core/types.ts';

/** Records per block: blocks are cut at fixed positions so an unchanged export cuts the same blocks. */
export const BLOCK_RECORDS = 1_000;

/**
 * One line per record: `[index, line, malformed, raw, fields]`. A raw object's keys are written
 * once per run of records sharing them (a `{"k": [...]}` line), its values as an array: a CSV
 * row's forty headers are not repeated a thousand times. Fields are written in contractFields
 * order; or, for a raw object, as what differs from a `{"p": [...]}` line (written when it
 * changes) saying which raw value each field usually is: `{"1": "2025-09-01"}` for a date the
 * source read into ISO, 0 when nothing differs. The text is about a third as long, so hashing
 * and deflating it cost that much less.
 */
type Overrides = Record<string, string | null>;
type Line = [index: number, line: number | null, malformed: string | null, raw: unknown, fields: (string | null)[] | Overrides | 0];
type KeysLine = { k: string[] };
type PositionsLine = { p: number[] };

const OBJECT = 1;
/** Positions: a field absent from the record, or not among its raw values. */
const ABSENT = -1;
const ELSEWHERE = -2;
/** More fields than this to write out: the usual positions are read again from this record. */
const MAX_OVERRIDES = 4;

/** Where each field is among a record's raw values, keeping the previous choice on ties (empty cells). */
function positionsOf(f: Record<string, string | undefined>, values: readonly unknown[], previous: readonly number[] | null): number[] {
  const out: number[] = new Array(contractFields.length);
  for (let i = 0; i < contractFields.length; i++) {
    const v = f[contractFields[i]];
    const keep = previous?.[i];
    if (v === undefined) out[i] = ABSENT;
    else if (keep !== undefined && keep >= 0 && values[keep] === v) out[i] = keep;
    else {
      const at = values.indexOf(v);
      out[i] = at < 0 ? ELSEWHERE : at;
    }
  }
  return out;
}

/** The fields the positions do not give, or null past MAX_OVERRIDES. */
function overridesOf(f: Record<string, string | undefined>, values: readonly unknown[], positions: readonly number[]): Overrides | null {
  let out: Overrides | null = null;
  let n = 0;
  for (let i = 0; i < contractFields.length; i++) {
    const p = positions[i];
    const v = f[contractFields[i]];
    if (v === (p >= 0 ? values[p] : undefined)) continue;
    if (++n > MAX_OVERRIDES) return null;
    out ??= {};
    out[i] = v ?? null;
  }
  return out ?? {};
}

const WIDE = /[\u0100-\uffff]/;
const WIDE_ALL = /[\u0100-\uffff]/g;
const escapeWide = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * A line's JSON with the characters beyond Latin-1 written as \u escapes (JSON.parse reads them
 * back the same), in a one-byte string. One ’ or Œ in a record (a line in six of a Windows-1252
 * export) made V8 hold the whole block's text at two bytes per character, and a two-byte string
 * costs far more to copy to the importing thread (structured clone: 19 ms for the wide lines of
 * 20,000 records, 1 ms once one-byte), and twice the bytes to hash and deflate.
 */
function jsonLine(value: unknown): string {
  const json = JSON.stringify(value);
  if (!WIDE.test(json)) return json;
  // replace() keeps the two-byte form though nothing wide is left; JSON.parse of the string as a
  // JSON literal makes a one-byte copy (2.5 µs for a line, where a char-code loop takes 11).
  return JSON.parse(JSON.stringify(json.replace(WIDE_ALL, escapeWide))) as string;
}

export function encodeRecords(records: readonly ReceivedRecord[]): string {
  let text = '';
  let keys: string[] | null = null;
  let positions: number[] | null = null;
  for (const r of records) {
    let raw: unknown = r.raw ?? null;
    const f = r.fields as Record<string, string | undefined>;
    let fields: Line[4];
    if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
      const k = Object.keys(raw);
      if (!keys || k.length !== keys.length || k.some((key, i) => key !== (keys as string[])[i])) {
        keys = k;
        // Positions index the values of these keys: read again for the new ones.
        positions = null;
        text += `${jsonLine({ k } satisfies KeysLine)}\n`;
      }
      const obj = raw as Record<string, unknown>;
      // In the order of Object.keys (both follow the own-property order): one call, not a keyed read per column.
      const values = Object.values(obj);
      raw = [OBJECT, values];
      let over = positions ? overridesOf(f, values, positions) : null;
      if (over === null) {
        positions = positionsOf(f, values, positions);
        text += `${JSON.stringify({ p: positions } satisfies PositionsLine)}\n`;
        over = overridesOf(f, values, positions) ?? {};
      }
      fields = Object.keys(over).length === 0 ? 0 : over;
    } else {
      raw = [0, raw];
      fields = contractFields.map((name) => f[name] ?? null);
    }
    const line: Line = [r.index, r.line ?? null, r.malformed ?? null, raw, fields];
    text += `${jsonLine(line)}\n`;
  }
  return text;
}

/**
 * The records of a block's text. `withRaw` false: raw left null, only what the pipeline reads
 * (positions, lines, malformations, fields): how a reading thread hands its records over (the
 * very text it stores, a third the size of the fields written out).
 */
export function decodeRecords(text: string, withRaw = true): ReceivedRecord[] {
  const out: ReceivedRecord[] = [];
  let keys: string[] = [];
  let positions: number[] = [];
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    if (end < 0) break;
    const parsed = JSON.parse(text.slice(start, end)) as Line | KeysLine | PositionsLine;
    start = end + 1;
    if (!Array.isArray(parsed)) {
      if ('k' in parsed) keys = parsed.k;
      else positions = parsed.p;
      continue;
    }
    const [index, line, malformed, [kind, value], values] = parsed as [number, number | null, string | null, [number, unknown], Line[4]];
    let raw: unknown = withRaw ? value : null;
    if (withRaw && kind === OBJECT) {
      const obj: Record<string, unknown> = {};
      (value as unknown[]).forEach((v, i) => {
        obj[keys[i]] = v;
      });
      raw = obj;
    }
    // Plain loops, no closure per record: the importing thread reads 100,000 records this way.
    const fields: Record<string, unknown> = {};
    if (Array.isArray(values)) {
      for (let i = 0; i < values.length; i++) if (values[i] !== null) fields[contractFields[i]] = values[i];
    } else if (values === 0) {
      // The usual positions, nothing differs (most records).
      const row = value as unknown[];
      for (let i = 0; i < positions.length; i++) {
        const p = positions[i];
        if (p >= 0 && row[p] !== null) fields[contractFields[i]] = row[p];
      }
    } else {
      // Filled in contractFields order, as written: the usual positions, then what differs.
      const row = value as unknown[];
      for (let i = 0; i < positions.length; i++) {
        const p = positions[i];
        const v = i in values ? values[i] : p >= 0 ? row[p] : null;
        if (v !== null) fields[contractFields[i]] = v;
      }
    }
    // Optional properties stay absent (not undefined) so a record reads back as it was given.
    const rec: ReceivedRecord = { index, raw, fields: fields as ReceivedRecord['fields'] };
    if (malformed !== null) rec.malformed = malformed;
    if (line !== null) rec.line = line;
    out.push(rec);
  }
  return out;
}
