/**
 * The second pass over a file's text: every row after the header becomes a ReceivedRecord,
 * dates converted with the format the first pass found for their column.
 */
import type { contractField } from '../../../contract/fields.ts';
import type { ReceivedRecord } from '../../core/types.ts';
import { MAX_BATCH_CHARS } from '../limits.ts';
import type { CsvReadOptions } from './read-options.ts';
import { parseMappingKey, type CsvRow } from './header.ts';
import { CsvParser } from './parse.ts';
import { isCutRow, rowToRecord, type ColumnPlan } from './mapping.ts';
import { CsvTable, dateColumns } from './table.ts';
import { type ColumnDateFormat, columnDateReader, DateFormatDetector, orderOf } from './dates.ts';
import type { CsvLayout } from './layout.ts';

/** Records handed over at a time: small enough to keep memory flat, large enough to amortise a store transaction. */
export const CSV_BATCH_SIZE = 1000;

/** ... or fewer, once their cells hold this many characters (see MAX_BATCH_CHARS; a row may hold MAX_ROW_CHARS). */
export const CSV_BATCH_CHARS = MAX_BATCH_CHARS;

export class CsvRecordReader {
  /** Records read and not yet taken. */
  private queue: ReceivedRecord[] = [];
  /** The characters of each queued record's cells, and their sum. */
  private sizes: number[] = [];
  private chars = 0;
  rows = 0;
  malformed = 0;
  /** The last row is cut (see isCutRow). */
  truncated = false;
  private readonly parser: CsvParser;
  private readonly table: CsvTable;

  private readonly dates: { field: contractField; read: (value: string) => string | undefined }[];
  /** Each date column's evidence over every row, when the layout was only guessed (see detectedDates). */
  private detectors: { field: contractField; index: number; detector: DateFormatDetector }[] | null = null;

  constructor(
    private readonly opts: CsvReadOptions,
    layout: CsvLayout,
    private readonly invalid: boolean,
    /** The text comes with Windows-1252's 0x80–0x9F as C1 controls (ParseCsvOptions.fixC1). */
    fixC1 = false,
    /** Gathers the date evidence as the first pass does: the layout was guessed from the start of the file. */
    detect = false,
  ) {
    this.dates = layout.dates.map(({ field, format }) => ({ field, read: columnDateReader(format.order) }));
    const keys = Object.keys(opts.mapping).map(parseMappingKey);
    const planned = (plan: ColumnPlan) => {
      if (detect) this.detectors = dateColumns(plan).map(({ field, index }) => ({ field, index, detector: new DateFormatDetector() }));
    };
    this.table = new CsvTable(opts.mapping, keys, layout.header, (row, plan) => this.onData(row, plan), planned);
    this.parser = new CsvParser(layout.delimiter, {
      fits: this.table.fits,
      minCells: this.table.minCells,
      flagReplacement: invalid,
      fixC1,
    });
  }

  push(text: string): void {
    this.parser.push(text);
  }

  end(): void {
    this.parser.end();
  }

  /** Reads rows until a batch is ready (true) or the text read so far holds no more (false). */
  fill(): boolean {
    return !this.parser.read(this.table.onRow, this.full);
  }

  /** Once every row was read: the header must have been found. */
  finish(): void {
    this.table.finish();
  }

  /** Each date column's format over the whole file, as the first pass decides it (detect mode, once finished). */
  detectedDates(): { field: contractField; format: ColumnDateFormat }[] {
    const fallback = orderOf(this.opts.dateFormat ?? 'DD/MM/YYYY');
    return (this.detectors ?? []).map(({ field, detector }) => ({ field, format: detector.result(fallback) }));
  }

  private readonly full = () => this.queue.length >= CSV_BATCH_SIZE || this.chars >= CSV_BATCH_CHARS;

  get ready(): number {
    return this.queue.length;
  }

  /** The next `count` records at most, in order. */
  take(count: number): ReceivedRecord[] {
    if (this.queue.length <= count) {
      const all = this.queue;
      this.queue = [];
      this.sizes = [];
      this.chars = 0;
      return all;
    }
    for (const n of this.sizes.splice(0, count)) this.chars -= n;
    return this.queue.splice(0, count);
  }

  private onData(row: CsvRow, plan: ColumnPlan): void {
    const record = rowToRecord(row, this.rows++, plan, this.invalid);
    for (const { field, read } of this.dates) {
      const value = record.fields[field];
      if (value === undefined) continue;
      // Unparseable values are left as received so the core can name them (DATE_INVALID).
      const converted = read(value);
      if (converted !== undefined) record.fields[field] = converted;
    }
    // The first pass's evidence: the cells as read, of rows that read fine (layout.ts onData).
    if (this.detectors !== null && record.malformed === undefined) {
      for (const { index, detector } of this.detectors) detector.add(row.cells[index] ?? '');
    }
    if (record.malformed !== undefined) this.malformed++;
    if (isCutRow(row, plan)) this.truncated = true;
    let size = 0;
    for (const cell of row.cells) size += cell.length;
    this.queue.push(record);
    this.sizes.push(size);
    this.chars += size;
  }
}
