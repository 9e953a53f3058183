/**
 * RFC 4180 rows with the physical line each starts on, read from text that arrives in pieces.
 * Hand-written rather than papaparse (measured on par with it here) because papaparse picks one
 * newline style per file, and exports appended to by another tool mix CRLF and LF; and the
 * line of each row (for reports) comes for free instead of a second scan.
 *
 * Streaming: a row is read only once the text holds all of it (its line terminator, or the end
 * of the file), so a piece may end anywhere (inside a quoted cell, between CR and LF). Only the
 * unread tail is kept between pieces, so memory is one row plus one piece, whatever the file.
 */
import type { CsvRow } from './header.ts';
import { thousands } from '../errors.ts';
import { NextIndex } from '../next-index.ts';
import { fixWindows1252, nextC1 } from './windows-1252.ts';

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const REPLACEMENT = '\uFFFD';

/**
 * How far one row may run, in characters from its first one: far above any real row (34
 * columns of a French export are under 1,000 characters), low enough that a stray quote never
 * makes the reader hold more than this. A quote not closed within it is read as text (as a
 * quote never closed before the end of the file is); a physical line longer than it is cut
 * there, flagged, and the rest of that line is skipped.
 */
export const MAX_ROW_CHARS = 1024 * 1024;
/**
 * The longest cell, in characters: a free-text mission detail is a few hundred; anything past
 * 64 Ki characters is not a contract field but a broken export, kept cut and flagged rather
 * than grown without limit.
 */
export const MAX_CELL_CHARS = 64 * 1024;

/** Reported on a row whose stray opening quote was read as text and still left it the wrong width. */
export const STRAY_QUOTE_ERROR = 'guillemet non fermé, lu tel quel';
const MISPLACED_QUOTES_ERROR = 'guillemets mal placés';
const cellTooLong = (column: number) => `cellule de plus de ${thousands(MAX_CELL_CHARS)} caractères (colonne ${column}), coupée`;
const ROW_TOO_LONG_ERROR = `ligne de plus de ${thousands(MAX_ROW_CHARS)} caractères, coupée`;

export interface ParseCsvOptions {
  /**
   * Whether a row read with these cells, spanning physical lines `startLine`..`endLine`, is
   * believable (readCsv: the header's cell count once it is known). Asked only about rows
   * that a quoted cell carried over several lines, or that contain a quote read as text.
   * Absent: every row is believed (delimiter sniffing, where no width is known yet).
   */
  fits?: (cells: readonly string[], startLine: number, endLine: number) => boolean;
  /**
   * The fewest cells a row needs for `fits` to accept it, or 0 when a count tells nothing. A
   * physical line with fewer delimiters than that is known not to fit without reading its cells:
   * the first line of every row whose quoted cell holds a line break (see eachLineFits).
   */
  minCells?: () => number;
  /** Flag rows holding U+FFFD (`row.replacement`): set when the bytes were not all valid UTF-8. */
  flagReplacement?: boolean;
  /**
   * The text is Windows-1252 decoded one byte per character, 0x80–0x9F left as C1 controls:
   * the cells of a row holding one are fixed (see nextC1). None of them is a delimiter, quote,
   * line break or space, so the rows and their cells are the same either way.
   */
  fixC1?: boolean;
}

interface RowRead {
  cells: string[];
  error: string | undefined;
  /** Index just past the row's line terminator. */
  next: number;
  /** Line ends inside quoted cells: the row's cells end on its start line + this. */
  newlines: number;
  /** The row ended with a line end (not with the end of the text). */
  terminated: boolean;
  /** A quoted cell ran over a line end. */
  spanned: boolean;
  /** A quoted cell ran over a line end and then closed badly (`"…\n…"x`): the closing quote was another cell's. */
  spannedBadly: boolean;
  /** A quote that never closed (within `quoteLimit`) was read as text. */
  strayQuote: boolean;
  /** That quote was still open at the end of the file (a file cut inside a quoted cell). */
  openAtEnd: boolean;
}

/** Line ends in text[from, to): LF, CRLF, or a lone CR (exports mixing styles), as rows count them. */
function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}

/** Index of the end of the physical line starting at `from` (its CR or LF, or the end of text). */
function lineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) return i;
  }
  return text.length;
}

// biome-ignore lint/suspicious/noConfusingVoidType: a row callback returns nothing to go on, false to stop
export type OnRow = (row: CsvRow) => boolean | void;

/**
 * Calls `onRow` for each row, in order; `onRow` returns false to stop early (sampling).
 * Lenient like spreadsheet tools: a quote inside an unquoted field is kept as text; spaces or
 * tabs between a closing quote and the delimiter (`"DUPONT" ;`, ERPs padding their columns)
 * are dropped; other text after a closing quote is kept and reported.
 *
 * A stray opening quote (`"Chez Paul` typed in the ERP) must cost at most its own row, never
 * the rows after it, which the run would then archive as absent from the snapshot:
 * - a quote never closed before the end of the file, or within MAX_ROW_CHARS, is read as
 *   text, as Excel does;
 * - a row that a quoted cell carried over several lines is re-read as its first physical line
 *   alone (quotes not closed on that line read as text) when it ends up the wrong width; when
 *   the span closed on a quote followed by text (the opening quote of a later quoted cell);
 *   or when each of its lines alone is already a whole row. Legitimate multi-line cells close
 *   cleanly, leave the row its header's width, and leave fragments on their own lines.
 *   Reading resumes at the next physical line.
 * The row is flagged `STRAY_QUOTE_ERROR` only if its width is still wrong once read that way.
 */
export class CsvParser {
  private readonly d: number;
  private readonly fits: ParseCsvOptions['fits'];
  private readonly minCells: ParseCsvOptions['minCells'];
  private readonly flagReplacement: boolean;
  /** Unread text; the next row starts at `pos`. */
  private text = '';
  private pos = 0;
  private line = 1;
  private ended = false;
  private stopped = false;
  /** Pieces received while the last row was incomplete, read once they double the tail (no quadratic re-reads). */
  private waiting: string[] = [];
  private waitingLength = 0;
  private needAtLeast = 0;
  /**
   * A piece whose start (up to `restFrom`) was joined to the previous piece's unread tail: the
   * row cut by the boundary is read from that small join, then this piece becomes the text as
   * it is, so a piece of a file is never copied just to prepend a few hundred characters.
   */
  private rest: string | null = null;
  private restFrom = 0;
  /** After a row cut at MAX_ROW_CHARS: the rest of its physical line is dropped. */
  private skippingLine = false;
  /**
   * Columns whose text is wanted (1) or only measured (0); columns past its length are always
   * read. A pass that needs a few columns of a wide file does not copy every cell.
   */
  private keep: Uint8Array | null = null;
  private readonly delimiter: string;
  private readonly quotes = new NextIndex('"');
  private readonly lfs = new NextIndex('\n');
  private readonly crs = new NextIndex('\r');
  private readonly replacements = new NextIndex(REPLACEMENT);
  private readonly c1: NextIndex | null;

  constructor(delimiter: string, options: ParseCsvOptions = {}) {
    this.delimiter = delimiter;
    this.d = delimiter.charCodeAt(0);
    this.fits = options.fits;
    this.minCells = options.minCells;
    this.flagReplacement = options.flagReplacement === true;
    this.c1 = options.fixC1 === true ? nextC1() : null;
  }

  /** Cells of columns with a 0 here are left '' (their length is still checked). */
  setKeep(keep: Uint8Array | null): void {
    this.keep = keep;
  }

  /** Adds text; rows are read by `read`. */
  push(piece: string): void {
    if (this.stopped) return;
    if (this.needAtLeast > 0) {
      this.waiting.push(piece);
      this.waitingLength += piece.length;
      if (this.waitingLength < this.needAtLeast) return;
      piece = this.waiting.join('');
      this.waiting = [];
      this.waitingLength = 0;
    }
    this.append(piece);
  }

  /** The end of the text: the last row needs no terminator. */
  end(): void {
    if (this.waiting.length > 0) this.append(this.waiting.join(''));
    this.waiting = [];
    this.needAtLeast = 0;
    this.ended = true;
  }

  /**
   * Hands every complete row to `onRow`, in order. Returns true once the text holds no complete
   * row (more is needed, or it ended), false when `onRow` asked to stop (for good) or `pause`
   * said to pause (call read again to go on): a reader keeps only a batch of rows at a time.
   */
  read(onRow: OnRow, pause?: () => boolean): boolean {
    while (!this.stopped) {
      const row = this.nextRow();
      if (row === null) return true;
      if (onRow(row) === false) this.stopped = true;
      else if (pause?.()) return false;
    }
    return false;
  }

  /** No more text will come than what is held (the end was reached and nothing is set aside). */
  private get final(): boolean {
    return this.ended && this.rest === null;
  }

  private append(piece: string): void {
    if (this.rest !== null) this.takeRest();
    const shift = this.pos;
    const tail = this.text.length - shift;
    const cut = tail > 0 && tail < 64 * 1024 ? afterFirstLine(piece) : -1;
    // join, not +: a flat string, where + makes a rope that every charCodeAt would walk.
    if (tail === 0) this.text = piece;
    else if (cut === -1) this.text = [this.text.slice(shift), piece].join('');
    else {
      this.text = [this.text.slice(shift), piece.slice(0, cut)].join('');
      this.rest = piece;
      this.restFrom = cut;
    }
    this.moved(shift);
  }

  /** The set-aside piece becomes the text: as it is when the join was read to its end. */
  private takeRest(): void {
    const rest = this.rest as string;
    this.rest = null;
    const shift = this.pos;
    if (shift >= this.text.length) {
      this.moved(this.text.length);
      this.text = rest;
      this.pos = this.restFrom;
      return;
    }
    this.text = [this.text.slice(shift), rest.slice(this.restFrom)].join('');
    this.moved(shift);
  }

  /** The text now starts `shift` characters further (what was before is gone). */
  private moved(shift: number): void {
    this.pos = 0;
    this.needAtLeast = 0;
    this.quotes.shift(shift);
    this.lfs.shift(shift);
    this.crs.shift(shift);
    this.replacements.shift(shift);
    this.c1?.shift(shift);
  }

  private nextRow(): CsvRow | null {
    for (;;) {
      const row = this.rowFromText();
      if (row !== null || this.rest === null) return row;
      this.takeRest();
    }
  }

  /** The next complete row, or null when the text holds none (more is needed, or it ended). */
  private rowFromText(): CsvRow | null {
    const text = this.text;
    const n = text.length;
    const eof = this.final;
    const fits = this.fits;
    if (this.needAtLeast > 0) return null;
    if (this.skippingLine && !this.skipLine()) return null;
    if (this.pos >= n) return null;
    const start = this.pos;
    const rowLine = this.line;
    const plain = this.plainLine(start);
    if (plain === -2) return null;
    if (plain >= 0) {
      // Most lines of an export: no quote, so the cells are the line split on the delimiter.
      const cells = this.splitLine(start, plain, this.hasC1(start, plain));
      const next = plain === n ? n : plain + (text.charCodeAt(plain) === CR && text.charCodeAt(plain + 1) === LF ? 2 : 1);
      this.pos = next;
      const row: CsvRow = { cells, line: rowLine };
      if (plain === n) row.unterminated = true;
      else this.line++;
      if (this.flagReplacement && this.hasReplacement(start, next)) row.replacement = true;
      return row;
    }
    const bound = start + MAX_ROW_CHARS;
    let read = this.readRow(start, Math.min(n, bound), n, eof);
    // A row is read within MAX_ROW_CHARS: one that does not end there is cut, whatever the pieces held.
    const cut = read === null ? n >= bound : read.next > bound;
    if (read === null && !cut) {
      // Wait for at least as much text again as the tail holds: no quadratic re-reads.
      this.needAtLeast = Math.max(n - start, 64 * 1024);
      return null;
    }
    if (read === null || cut) read = this.readRow(start, bound, bound, true) as RowRead;
    else if (
      read.spanned &&
      fits &&
      (read.spannedBadly || !fits(read.cells, rowLine, rowLine + read.newlines) || this.eachLineFits(start, read.next, rowLine))
    ) {
      read = this.readRow(start, lineEnd(text, start), n, true) as RowRead;
    }
    let error = read.error;
    if (cut) error = error === undefined ? ROW_TOO_LONG_ERROR : `${ROW_TOO_LONG_ERROR} ; ${error}`;
    else if (read.strayQuote && fits && !fits(read.cells, rowLine, rowLine + read.newlines)) {
      error = error === undefined ? STRAY_QUOTE_ERROR : `${STRAY_QUOTE_ERROR} ; ${error}`;
    }
    this.pos = read.next;
    this.line += read.newlines + (read.terminated ? 1 : 0);
    if (cut) this.skippingLine = true;
    if (this.hasC1(start, read.next)) {
      const cells = read.cells;
      for (let k = 0; k < cells.length; k++) cells[k] = fixWindows1252(cells[k]);
    }
    const row: CsvRow = { cells: read.cells, line: rowLine };
    if (error !== undefined) row.error = error;
    if (read.newlines > 0) row.span = read.newlines;
    if (!read.terminated && !cut) row.unterminated = true;
    if (read.openAtEnd) row.openQuoteAtEnd = true;
    if (this.flagReplacement && this.hasReplacement(start, read.next)) row.replacement = true;
    return row;
  }

  /** Drops text up to and past the next line end; false when the text ends first (more to come). */
  private skipLine(): boolean {
    const text = this.text;
    const end = lineEnd(text, this.pos);
    if (end === text.length) {
      this.pos = end;
      return this.final;
    }
    if (text.charCodeAt(end) === CR && end + 1 === text.length && !this.final) {
      this.pos = end;
      return false;
    }
    this.pos = end + (text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === LF ? 2 : 1);
    this.line++;
    this.skippingLine = false;
    return true;
  }

  /**
   * The end of the physical line at `start` (its CR or LF, or the end of the text) when that
   * line holds no quote and is short enough that no cell can be too long: -1 when it does not
   * qualify (read it cell by cell), -2 when the text so far cannot tell (more is coming).
   */
  private plainLine(start: number): number {
    const text = this.text;
    const lf = this.lfs.find(text, start);
    const cr = this.crs.find(text, start);
    let end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
    if (end === -1) {
      if (!this.final) return -1;
      end = text.length;
    } else if (end === cr && end + 1 === text.length && !this.final) return -2;
    if (end - start >= MAX_CELL_CHARS) return -1;
    const quote = this.quotes.find(text, start);
    return quote === -1 || quote >= end ? end : -1;
  }

  /** The cells of a line without quotes; `c1`: the line holds a C1 control to fix (see fixC1). */
  private splitLine(start: number, end: number, c1: boolean): string[] {
    const text = this.text;
    const keep = this.keep;
    if (keep === null) {
      if (start === end) return [''];
      const line = text.slice(start, end);
      return (c1 ? fixWindows1252(line) : line).split(this.delimiter);
    }
    const cells: string[] = [];
    for (let from = start, col = 0; ; col++) {
      let to = text.indexOf(this.delimiter, from);
      if (to === -1 || to > end) to = end;
      const cell = col >= keep.length || keep[col] === 1 ? text.slice(from, to) : '';
      cells.push(c1 ? fixWindows1252(cell) : cell);
      if (to === end) return cells;
      from = to + 1;
    }
  }

  private hasC1(from: number, to: number): boolean {
    if (this.c1 === null) return false;
    const at = this.c1.find(this.text, from);
    return at !== -1 && at < to;
  }

  private findQuote(from: number, limit: number): number {
    const q = this.quotes.find(this.text, from);
    return q !== -1 && q < limit ? q : -1;
  }

  private hasReplacement(from: number, to: number): boolean {
    const r = this.replacements.find(this.text, from);
    return r !== -1 && r < to;
  }

  /**
   * Reads one row from `start`, in text[0, end); a quoted cell must close before `quoteLimit`
   * or is read as text. Returns null when the row may go on past `end` and more text is coming.
   */
  private readRow(start: number, quoteLimit: number, end: number, final: boolean): RowRead | null {
    const text = this.text;
    const d = this.d;
    const keep = this.keep;
    // Only the main read may run into text not received yet; a bounded read treats `end` as final.
    const more = !final;
    const cells: string[] = [];
    let error: string | undefined;
    let newlines = 0;
    let spanned = false;
    let spannedBadly = false;
    let strayQuote = false;
    let openAtEnd = false;
    let terminated = false;
    let i = start;
    for (;;) {
      const col = cells.length;
      const wanted = keep === null || col >= keep.length || keep[col] === 1;
      let value = '';
      let length = 0;
      let closeAt = -1;
      if (i < end && text.charCodeAt(i) === QUOTE) {
        let j = i + 1;
        let quoted = '';
        for (;;) {
          const q = this.findQuote(j, quoteLimit);
          if (q === -1) {
            // Not closed yet: it may close in text still to come, unless the row bound is reached.
            if (more && quoteLimit >= end) return null;
            if (quoteLimit >= end && end === text.length) openAtEnd = true;
            break;
          }
          if (q + 1 >= end && more) return null;
          if (text.charCodeAt(q + 1) === QUOTE && q + 1 < quoteLimit) {
            if (wanted) quoted += text.slice(j, q + 1);
            length += q + 1 - j;
            j = q + 2;
            continue;
          }
          if (wanted) quoted += text.slice(j, q);
          length += q - j;
          closeAt = q;
          break;
        }
        if (closeAt === -1) {
          strayQuote = true;
          length = 0;
        } else value = quoted;
      }
      if (closeAt !== -1) {
        const inside = countNewlines(text, i + 1, closeAt);
        newlines += inside;
        if (inside > 0) spanned = true;
        i = closeAt + 1;
        // Padding after the closing quote (a tab is padding only when it is not the delimiter).
        let p = i;
        let c = text.charCodeAt(p);
        while (p < end && (c === SPACE || (c === TAB && d !== TAB))) c = text.charCodeAt(++p);
        if (p >= end && more) return null;
        if (p >= end || c === d || c === LF || c === CR) i = p;
        else {
          let e = p + 1;
          for (; e < end; e++) {
            c = text.charCodeAt(e);
            if (c === d || c === LF || c === CR) break;
          }
          if (e >= end && more) return null;
          if (wanted) value += text.slice(i, e);
          length += e - i;
          error ??= MISPLACED_QUOTES_ERROR;
          if (inside > 0) spannedBadly = true;
          i = e;
        }
      } else {
        // Unquoted, or an opening quote that never closes: up to the next delimiter, quote kept as text.
        let e = i;
        for (; e < end; e++) {
          const c = text.charCodeAt(e);
          if (c === d || c === LF || c === CR) break;
        }
        if (e >= end && more) return null;
        length = e - i;
        if (wanted && length > 0) value = text.slice(i, e);
        i = e;
      }
      if (length > MAX_CELL_CHARS) {
        if (wanted) value = value.slice(0, MAX_CELL_CHARS);
        error = error === undefined ? cellTooLong(col + 1) : `${error} ; ${cellTooLong(col + 1)}`;
      }
      cells.push(value);
      if (i >= end) break;
      const c = text.charCodeAt(i);
      if (c === d) {
        i++;
        // "a;b;" at the very end still has a third, empty, cell.
        if (i >= end) {
          if (more) return null;
          cells.push('');
          break;
        }
        continue;
      }
      if (c === CR && i + 1 >= end && more) return null;
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      terminated = true;
      break;
    }
    return { cells, error, next: i, newlines, terminated, spanned, spannedBadly, strayQuote, openAtEnd };
  }

  /** How many delimiters text[from, to) holds, counting no further than `enough`. */
  private delimitersBefore(from: number, to: number, enough: number): number {
    const text = this.text;
    const d = this.d;
    let count = 0;
    // The same character loop as readRow's, without its cells: a first line is ~450 characters.
    for (let i = from; i < to && count < enough; i++) if (text.charCodeAt(i) === d) count++;
    return count;
  }

  /**
   * Whether each physical line in [from, to), read alone, is a believable row: then the quote
   * that joined them was stray (a stray opening quote closed by a stray closing quote in the
   * same column leaves the joined row the right width). A legitimate multi-line cell always
   * leaves some line a fragment (`ligne 2"`), so it is kept.
   */
  private eachLineFits(from: number, to: number, firstLine: number): boolean {
    const fits = this.fits;
    const least = this.minCells?.() ?? 0;
    let pos = from;
    for (let l = firstLine; pos < to; l++) {
      const end = lineEnd(this.text, pos);
      // Read alone, a line has at most one cell more than it has delimiters.
      if (least > 1 && this.delimitersBefore(pos, end, least - 1) < least - 1) return false;
      const alone = this.readRow(pos, end, this.text.length, true) as RowRead;
      if (!fits?.(alone.cells, l, l)) return false;
      pos = alone.next;
    }
    return true;
  }
}

/** Reads a whole text at once (delimiter sniffing, tests): the same parser, one piece. */
export function parseCsv(text: string, delimiter: string, onRow: OnRow, options: ParseCsvOptions = {}): void {
  const parser = new CsvParser(delimiter, options);
  parser.push(text);
  parser.end();
  parser.read(onRow);
}

/** Index just past the first line terminator of `text`, or -1 when it has none (or ends on a CR that an LF may follow). */
function afterFirstLine(text: string): number {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  const end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
  if (end === -1 || end === text.length - 1) return -1;
  return end + (text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === LF ? 2 : 1);
}
