/**
 * The first pass over a file's text: what reading a row needs the whole file for, decided
 * without keeping more than the start of the file: the delimiter, the header's line(s), and
 * each mapped date column's format (over the whole column, malformed rows excluded: their
 * shifted cells would be false evidence). Only the date columns' cells are copied.
 */
import type { contractField } from '../../../contract/fields.ts';
import type { CsvReadOptions } from './read-options.ts';
import { detectDelimiter, SAMPLE_CHARS, type CsvDelimiter } from './delimiter.ts';
import {
  HEADER_SEARCH_ROWS,
  bestHeaderRow,
  findHeaderRow,
  headerScore,
  parseMappingKey,
  wantedHeaders,
  type CsvRow,
  type MappingKey,
} from './header.ts';
import { CsvParser } from './parse.ts';
import { rowProblem, type ColumnPlan } from './mapping.ts';
import { CsvTable, dateColumns, type HeaderLines } from './table.ts';
import { DateFormatDetector, orderOf, type ColumnDateFormat } from './dates.ts';

export interface CsvLayout {
  delimiter: CsvDelimiter;
  header: HeaderLines;
  dates: { field: contractField; format: ColumnDateFormat }[];
}

/**
 * The header's physical line(s), found among the first rows read two ways: each physical line
 * alone (quotes that span lines not trusted, so a stray quote in a preamble cannot hide the
 * header), and as RFC 4180 says. The second wins only when it names strictly more mapped
 * columns: a quoted header cell holding a line break ("Nom\napprenant").
 */
class HeaderLocator {
  private readonly single: CsvRow[] = [];
  private readonly trusted: CsvRow[] = [];
  private readonly singleParser: CsvParser;
  private readonly trustedParser: CsvParser;
  private singleDone = false;
  private trustedDone = false;

  constructor(
    delimiter: string,
    private readonly keys: readonly MappingKey[],
    private readonly configured: number | undefined,
  ) {
    this.singleParser = new CsvParser(delimiter, { fits: () => false });
    this.trustedParser = new CsvParser(delimiter);
  }

  /** True once both readings have enough rows. */
  push(text: string): boolean {
    if (!this.singleDone) {
      this.singleParser.push(text);
      this.singleDone = !this.singleParser.read(this.collect(this.single));
    }
    if (!this.trustedDone) {
      this.trustedParser.push(text);
      this.trustedDone = !this.trustedParser.read(this.collect(this.trusted));
    }
    return this.singleDone && this.trustedDone;
  }

  end(): HeaderLines {
    for (const [parser, rows] of [
      [this.singleParser, this.single],
      [this.trustedParser, this.trusted],
    ] as const) {
      parser.end();
      parser.read(this.collect(rows));
    }
    const wanted = wantedHeaders(this.keys);
    const spanning = (row: CsvRow | undefined, rival: CsvRow | undefined): row is CsvRow =>
      row?.span !== undefined && headerScore(row, wanted) > (rival ? headerScore(rival, wanted) : 0);
    const line = this.configured;
    if (line !== undefined) {
      const trusted = this.trusted.find((r) => r.line === line);
      const single = this.single.find((r) => r.line === line);
      return spanning(trusted, single) ? { line, endLine: line + (trusted.span ?? 0) } : { line, endLine: line };
    }
    const best = bestHeaderRow(this.trusted, wanted);
    const trusted = this.trusted[best.index];
    const singleBest = bestHeaderRow(this.single, wanted);
    if (spanning(trusted, this.single[singleBest.index])) return { line: trusted.line, endLine: trusted.line + (trusted.span ?? 0) };
    const header = this.single[findHeaderRow(this.single, this.keys)];
    return { line: header.line, endLine: header.line };
  }

  private collect(rows: CsvRow[]) {
    return (row: CsvRow): boolean => {
      rows.push(row);
      return this.configured === undefined ? rows.length < HEADER_SEARCH_ROWS : row.line < this.configured;
    };
  }
}

export class CsvLayoutScan {
  private readonly keys: MappingKey[];
  /** Text kept from the start of the file until the delimiter and the header are decided. */
  private head: string[] = [];
  private headLength = 0;
  private delimiter: CsvDelimiter | undefined;
  private header: HeaderLines | undefined;
  private locator: HeaderLocator | undefined;
  private main: { parser: CsvParser; table: CsvTable } | undefined;
  private detectors: { field: contractField; index: number; detector: DateFormatDetector }[] = [];

  /** `invalid`: the bytes are not all valid UTF-8, rows holding U+FFFD are malformed. */
  constructor(
    private readonly opts: CsvReadOptions,
    private readonly invalid: boolean,
  ) {
    this.keys = Object.keys(opts.mapping).map(parseMappingKey);
    if (opts.delimiter && opts.delimiter !== 'auto') this.delimiter = opts.delimiter;
  }

  /** Until the header is read, cells are compared by name: the text must be exact. Past it, see PieceDecoder.decodeLoosely. */
  get needsExactText(): boolean {
    return this.main === undefined;
  }

  /** The delimiter, the header and the column plan are decided: what follows only adds date evidence. */
  get headerRead(): boolean {
    return this.main?.table.plan !== undefined;
  }

  push(text: string): void {
    if (this.main) {
      this.main.parser.push(text);
      this.main.parser.read(this.main.table.onRow);
      return;
    }
    if (text === '') return;
    this.head.push(text);
    this.headLength += text.length;
    this.advance(text, false);
  }

  end(): CsvLayout {
    if (!this.main) this.advance('', true);
    const main = this.main as NonNullable<typeof this.main>;
    main.parser.end();
    main.parser.read(main.table.onRow);
    main.table.finish();
    return this.provisional();
  }

  /**
   * The layout the text read so far gives, the file not being over (headerRead must be true):
   * each date column's format from the rows read, which a later row may contradict. The row
   * being read when the text stops is left out, whole rows only.
   */
  provisional(): CsvLayout {
    if (!this.headerRead) throw new Error('provisional layout asked for before the header was read');
    return {
      delimiter: this.delimiter as CsvDelimiter,
      header: this.header as HeaderLines,
      dates: this.detectors.map(({ field, detector }) => ({ field, format: detector.result(this.fallback) })),
    };
  }

  private get fallback() {
    return orderOf(this.opts.dateFormat ?? 'DD/MM/YYYY');
  }

  /** Decides what the text read so far allows; `ended`: there is no more. */
  private advance(piece: string, ended: boolean): void {
    let fresh = false;
    if (this.delimiter === undefined) {
      // The guess reads the start of the file: wait until there is more of it than it reads.
      if (!ended && this.headLength <= SAMPLE_CHARS) return;
      this.delimiter = detectDelimiter(this.head.join(''));
    }
    if (this.header === undefined) {
      if (!this.locator) {
        this.locator = new HeaderLocator(this.delimiter, this.keys, this.opts.headerRow);
        fresh = true;
      }
      const locator = this.locator;
      let done = false;
      if (fresh) for (const text of this.head) done = locator.push(text);
      else done = locator.push(piece);
      if (!done && !ended) return;
      this.header = locator.end();
    }
    const table = new CsvTable(
      this.opts.mapping,
      this.keys,
      this.header,
      (row, plan) => this.onData(row, plan),
      (plan) => this.planned(plan, parser),
    );
    const parser = new CsvParser(this.delimiter, { fits: table.fits, minCells: table.minCells, flagReplacement: this.invalid });
    this.main = { parser, table };
    const head = this.head;
    this.head = [];
    for (const text of head) {
      parser.push(text);
      parser.read(table.onRow);
    }
  }

  /** From the header on, only the date columns' cells are copied. */
  private planned(plan: ColumnPlan, parser: CsvParser): void {
    this.detectors = dateColumns(plan).map(({ field, index }) => ({ field, index, detector: new DateFormatDetector() }));
    const keep = new Uint8Array(plan.width);
    for (const { index } of this.detectors) keep[index] = 1;
    parser.setKeep(keep);
  }

  private onData(row: CsvRow, plan: ColumnPlan): void {
    if (rowProblem(row, plan, this.invalid) !== undefined) return;
    for (const { index, detector } of this.detectors) detector.add(row.cells[index] ?? '');
  }
}
