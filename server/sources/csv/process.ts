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
 *
 * `guessBytes` (a reading that can start over, see CsvGuessError): pass A stops after that many
 * bytes once the header is read, and pass B reads with what the start of the file says. Pass B
 * gathers the same evidence over the whole file as it reads (date formats, UTF-8 validity, the
 * "mostly UTF-8" count) and, at the end, throws CsvGuessError if the whole file decides
 * otherwise. Records come a whole pass A sooner (about 0.3 s of a 50 MB file); the rare file
 * whose end contradicts its start costs a second reading.
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
  /** Set when pass A read only the start of the file: what the rest must confirm. */
  guess?: Guess;
}

/** What pass A decided from the start of the file only. */
interface Guess {
  /** The bytes read were valid UTF-8: every byte must be. */
  utf8: boolean;
  /** The "mostly UTF-8" count over the bytes read (null: not counted on a part of the file). */
  mostlyUtf8: boolean | null;
}

/**
 * A reading whose layout, guessed from the start of the file, the whole file contradicts (a date
 * column month-first after all, a byte that is not UTF-8 further on): the records handed over
 * were read wrongly, the reading must start over without guessing (readers that guess can).
 */
export class CsvGuessError extends Error {
  override readonly name = 'CsvGuessError';
  constructor(what: string) {
    super(`Lecture du fichier à reprendre\u202f: ${what}, contrairement à son début.`);
  }
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

function* scan(opts: CsvReadOptions, singleByte: SingleByteDecoder | undefined, guessBytes: number | undefined): Steps<Scanned> {
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
  /** The "mostly UTF-8" verdict of a count stopped at guessBytes. */
  let guessedMostly: boolean | null = null;
  for (;;) {
    const layout = new CsvLayoutScan(opts, decoding.invalid);
    const decoder = pieceDecoder(decoding.encoding, decoding.fatal, singleByte);
    const evidence = decoding.count ? new Utf8Evidence() : null;
    const start = new TextStart();
    let valid = true;
    let read = 0;
    /** Stopped at guessBytes, the header read: the rest of the file unread. */
    let guessed = false;
    // Read as UTF-8 until proven otherwise, a file may fail on what a wrong decoding made of it
    // (a header not found): that failure counts only once every byte proved to be UTF-8. Read as
    // Windows-1252 while counting, only once the count says it is not mostly UTF-8 (its accented
    // headers would not be found as Windows-1252).
    let failure: { error: unknown } | null = null;
    const push = (text: string) => {
      if (failure !== null) return;
      try {
        layout.push(start.strip(text));
      } catch (error) {
        if (!decoding.fatal && !decoding.count) throw error;
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
      read += bytes.length;
      if (guessBytes !== undefined && read >= guessBytes && failure === null && layout.headerRead) {
        guessed = true;
        return false;
      }
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
    if (evidence && guessed) guessedMostly = evidence.mostlyUtf8();
    if (evidence?.mostlyUtf8()) {
      decoding = { encoding: 'utf-8', fatal: false, count: false, invalid: true };
      continue;
    }
    if (failure !== null) throw (failure as { error: unknown }).error;
    const scanned: Scanned = {
      decoding,
      bom: decoding.encoding !== 'windows-1252' && bom !== null,
      layout: guessed ? layout.provisional() : layout.end(),
    };
    if (guessed || guessedMostly !== null) scanned.guess = { utf8: guessed && decoding.fatal, mostlyUtf8: guessedMostly };
    if (option === 'windows-1252' && decoding.encoding === 'utf-8' && !decoding.invalid) {
      scanned.note = 'BOM UTF-8 présent : lu en UTF-8 malgré windows-1252 configuré';
    }
    return scanned;
  }
}

/**
 * The whole read: pass A, then the records, then the meta. `singleByte`: a faster Latin-1
 * decoder than TextDecoder's, if any; `guessBytes`: see the top of this file.
 */
export function* csvProcess(opts: CsvReadOptions, outcome: CsvOutcome, singleByte?: SingleByteDecoder, guessBytes?: number): Steps<void> {
  const scanned = yield* scan(opts, singleByte, guessBytes);
  const { decoding, guess } = scanned;
  let layout = scanned.layout;
  // Windows-1252 is read loosely and the parser fixes the rows that need it (see nextC1).
  const loose = decoding.encoding === 'windows-1252';
  const reader = new CsvRecordReader(opts, layout, decoding.invalid, loose, guess !== undefined);
  // A guess of valid UTF-8 is checked byte by byte as pass A would have.
  const decoder = pieceDecoder(decoding.encoding, guess?.utf8 === true, singleByte);
  const evidence = guess?.mostlyUtf8 != null ? new Utf8Evidence() : null;
  const decode = (read: () => string): string => {
    const text = decodeOrFail(read);
    if (text === undefined) throw new CsvGuessError('octets invalides en UTF-8 plus loin dans le fichier');
    return text;
  };
  const start = new TextStart();
  yield OPEN;
  for (;;) {
    const bytes = yield NEXT;
    if (!bytes) break;
    evidence?.push(bytes);
    reader.push(start.strip(loose ? decoder.decodeLoosely(bytes) : decode(() => decoder.decode(bytes))));
    while (reader.fill()) yield { kind: 'records', records: reader.take(CSV_BATCH_SIZE) };
  }
  reader.push(start.strip(decode(() => decoder.end())));
  reader.end();
  while (reader.fill()) yield { kind: 'records', records: reader.take(CSV_BATCH_SIZE) };
  reader.finish();
  while (reader.ready > 0) yield { kind: 'records', records: reader.take(CSV_BATCH_SIZE) };
  if (guess) {
    if (evidence && evidence.mostlyUtf8() !== guess.mostlyUtf8) {
      throw new CsvGuessError(guess.mostlyUtf8 ? 'le fichier n’est pas surtout en UTF-8' : 'le fichier est surtout en UTF-8');
    }
    const dates = reader.detectedDates();
    const changed = dates.find((d, i) => d.format.order !== layout.dates[i]?.format.order);
    if (changed || dates.length !== layout.dates.length)
      throw new CsvGuessError(`les dates de ${changed?.field ?? 'une colonne'} s’écrivent autrement`);
    // The labels over the whole file, as pass A gives them.
    layout = { ...layout, dates };
  }

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
