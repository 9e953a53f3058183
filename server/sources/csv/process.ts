/**
 * Reading a CSV file as a stream: one process, driven from outside with the file's bytes
 * (readCsv: bytes in memory; csvRecordStream: a file read again for each pass). It asks to
 * `open` the file (read it again from its first byte), for the `next` piece of the current
 * read (null at its end), and hands over `records` in order.
 *
 * Pass A (layout.ts) decides what the whole file is needed for: the encoding (a BOM, UTF-8
 * validity of every byte, else the "mostly UTF-8" rule), the delimiter, the header line and
 * each date column's format. Pass B (records.ts) reads the records. A file without BOM is
 * first read as UTF-8; when some byte is not valid UTF-8 that read stops there and the scan
 * starts over as the configuration or the bytes say: then the file is read three times (four
 * when a Windows-1252 guess proves to be mostly UTF-8 after all).
 */
import type { ReceivedRecord } from '../../core/types.ts';
import type { CsvReadOptions } from './read-options.ts';
import { bomOf, pieceDecoder, Utf8Evidence, type CsvEncoding } from './encoding.ts';
import { CsvLayoutScan, type CsvLayout } from './layout.ts';
import { CSV_BATCH_SIZE, CsvRecordReader } from './records.ts';
import type { SingleByteDecoder } from './windows-1252.ts';

export type CsvStep = { kind: 'open' } | { kind: 'next' } | { kind: 'records'; records: ReceivedRecord[] };
/** What the driver sends back: a piece after `next` (null: the read is over), nothing otherwise. */
export type CsvInput = Uint8Array | null | undefined;
type Steps<T> = Generator<CsvStep, T, CsvInput>;

/** What the read found, filled in as it ends. */
export interface CsvOutcome {
  meta: Record<string, string | number>;
  truncated: boolean;
}

const OPEN: CsvStep = { kind: 'open' };
const NEXT: CsvStep = { kind: 'next' };

/** How one pass decodes: fatal = proving the bytes are UTF-8; count = gathering the "mostly UTF-8" evidence. */
interface Decoding {
  encoding: CsvEncoding;
  fatal: boolean;
  count: boolean;
  /** Bytes are known not to be valid UTF-8 and are read as UTF-8 anyway: rows with U+FFFD are malformed. */
  invalid: boolean;
}

interface Scanned {
  decoding: Decoding;
  bom: boolean;
  note?: string;
  layout: CsvLayout;
}

/** A BOM can survive decoding when bytes were forced through windows-1252 or doubled by an editor. */
class TextStart {
  private started = false;
  strip(text: string): string {
    if (this.started || text === '') return text;
    const rest = text.replace(/^\uFEFF+/, '');
    this.started = rest !== '';
    return rest;
  }
}

/** Pulls the current read's pieces into `take` until the read ends (true) or `take` refuses one (false). */
function* pull(take: (bytes: Uint8Array) => boolean): Steps<boolean> {
  for (;;) {
    const bytes = yield NEXT;
    if (!bytes) return true;
    if (bytes.length > 0 && !take(bytes)) return false;
  }
}

/** Text of a piece, or undefined when a fatal decoder met bytes that are not valid UTF-8. */
function decodeOrFail(read: () => string): string | undefined {
  try {
    return read();
  } catch (err) {
    if (err instanceof TypeError) return undefined;
    throw err;
  }
}

function* scan(opts: CsvReadOptions, singleByte: SingleByteDecoder | undefined): Steps<Scanned> {
  const option = opts.encoding ?? 'auto';
  yield OPEN;
  // The first bytes say whether there is a BOM, which every choice depends on.
  const head: Uint8Array[] = [];
  let headLength = 0;
  let headEnded = false;
  while (headLength < 3) {
    const bytes = yield NEXT;
    if (!bytes) {
      headEnded = true;
      break;
    }
    head.push(bytes);
    headLength += bytes.length;
  }
  const first = new Uint8Array(Math.min(3, headLength));
  for (let k = 0, at = 0; at < first.length; k++) {
    const part = head[k].subarray(0, first.length - at);
    first.set(part, at);
    at += part.length;
  }
  const bom = bomOf(first);
  let decoding: Decoding =
    bom === 'utf-16le' || bom === 'utf-16be'
      ? { encoding: bom, fatal: false, count: false, invalid: false }
      : option === 'windows-1252' && bom !== 'utf-8'
        ? { encoding: 'windows-1252', fatal: false, count: false, invalid: false }
        : { encoding: 'utf-8', fatal: true, count: false, invalid: false };
  // The first pass goes on after the head it already read; later ones read again.
  let replay: Uint8Array[] | null = head;
  for (;;) {
    const layout = new CsvLayoutScan(opts, decoding.invalid);
    const decoder = pieceDecoder(decoding.encoding, decoding.fatal, singleByte);
    const evidence = decoding.count ? new Utf8Evidence() : null;
    const start = new TextStart();
    let valid = true;
    // Read as UTF-8 until proven otherwise, a file may fail on what a wrong decoding made of it
    // (a header not found): that failure counts only once every byte proved to be UTF-8.
    let failure: { error: unknown } | null = null;
    const push = (text: string) => {
      if (failure !== null) return;
      try {
        layout.push(start.strip(text));
      } catch (error) {
        if (!decoding.fatal) throw error;
        failure = { error };
      }
    };
    const take = (bytes: Uint8Array): boolean => {
      evidence?.push(bytes);
      const text = decodeOrFail(() => (layout.needsExactText ? decoder.decode(bytes) : decoder.decodeLoosely(bytes)));
      if (text === undefined) {
        valid = false;
        return false;
      }
      push(text);
      return true;
    };
    let complete: boolean;
    if (replay) {
      complete = replay.every(take) && (headEnded || (yield* pull(take)));
      replay = null;
    } else {
      yield OPEN;
      complete = yield* pull(take);
    }
    if (complete) {
      const rest = decodeOrFail(() => decoder.end());
      if (rest === undefined) valid = false;
      else push(rest);
    }
    if (!valid) {
      // Not UTF-8 after all: read as configured, or (auto) as Windows-1252 while counting the evidence.
      decoding =
        option === 'utf-8'
          ? { encoding: 'utf-8', fatal: false, count: false, invalid: true }
          : { encoding: 'windows-1252', fatal: false, count: option === 'auto', invalid: false };
      continue;
    }
    if (failure !== null) throw (failure as { error: unknown }).error;
    if (evidence?.mostlyUtf8()) {
      decoding = { encoding: 'utf-8', fatal: false, count: false, invalid: true };
      continue;
    }
    const scanned: Scanned = { decoding, bom: decoding.encoding !== 'windows-1252' && bom !== null, layout: layout.end() };
    if (option === 'windows-1252' && decoding.encoding === 'utf-8' && !decoding.invalid) {
      scanned.note = 'BOM UTF-8 présent : lu en UTF-8 malgré windows-1252 configuré';
    }
    return scanned;
  }
}

/** The whole read: pass A, then the records, then the meta. `singleByte`: a faster Latin-1 decoder than TextDecoder's, if any. */
export function* csvProcess(opts: CsvReadOptions, outcome: CsvOutcome, singleByte?: SingleByteDecoder): Steps<void> {
  const scanned = yield* scan(opts, singleByte);
  const { decoding, layout } = scanned;
  // Windows-1252 is read loosely and the parser fixes the rows that need it (see nextC1).
  const loose = decoding.encoding === 'windows-1252';
  const reader = new CsvRecordReader(opts, layout, decoding.invalid, loose);
  const decoder = pieceDecoder(decoding.encoding, false, singleByte);
  const start = new TextStart();
  yield OPEN;
  for (;;) {
    const bytes = yield NEXT;
    if (!bytes) break;
    reader.push(start.strip(loose ? decoder.decodeLoosely(bytes) : decoder.decode(bytes)));
    while (reader.fill()) yield { kind: 'records', records: reader.take(CSV_BATCH_SIZE) };
  }
  reader.push(start.strip(decoder.end()));
  reader.end();
  while (reader.fill()) yield { kind: 'records', records: reader.take(CSV_BATCH_SIZE) };
  reader.finish();
  while (reader.ready > 0) yield { kind: 'records', records: reader.take(CSV_BATCH_SIZE) };

  const meta = outcome.meta;
  meta.encoding = decoding.encoding;
  meta.bom = scanned.bom ? 'oui' : 'non';
  meta.delimiter = layout.delimiter === '\t' ? 'tab' : layout.delimiter;
  meta.headerRow = layout.header.line;
  meta.rows = reader.rows;
  meta.malformed = reader.malformed;
  meta.dateFormats = layout.dates.map((d) => `${d.field}\u202f: ${d.format.label}`).join('\u202f; ') || 'aucune colonne de date';
  if (scanned.note) meta.encodingNote = scanned.note;
  if (decoding.invalid) meta.encodingNote = 'octets invalides en UTF-8 : lignes concernées marquées illisibles';
  if (reader.truncated) meta.truncated = 'oui';
  outcome.truncated = reader.truncated;
}
