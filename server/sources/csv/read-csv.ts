/**
 * A CSV export -> Snapshot. Pure (bytes in, snapshot out, no node: imports) so the browser
 * can preview an upload with exactly the server's reading.
 */
import { dateFields, type contractField } from '../../../contract/fields.ts';
import type { ReceivedRecord, Snapshot } from '../../core/types.ts';
import { decodeBytes, type CsvEncodingOption } from './decode.ts';
import { detectDelimiter, type CsvDelimiterOption } from './delimiter.ts';
import { HEADER_SEARCH_ROWS, findHeaderRow, isBlankRow, parseMappingKey, type CsvRow, type MappingKey } from './header.ts';
import { parseCsv } from './parse.ts';
import { fitsWidth, planColumns, rowToRecord, type ColumnPlan } from './mapping.ts';
import { detectDateFormat, orderOf, toIsoDate, type DateFormatOption } from './dates.ts';

export interface CsvReadOptions {
  /** Column header -> contract field; `Header#2` is the 2nd column named `Header`. */
  mapping: Readonly<Record<string, contractField>>;
  encoding?: CsvEncodingOption;
  delimiter?: CsvDelimiterOption;
  /** 1-based physical line of the header row; auto-detected when absent. */
  headerRow?: number;
  /** How a date column that never disambiguates itself (only 01/02/2026-like values) is read. */
  dateFormat?: DateFormatOption;
}

/**
 * The header's physical line, found among the first rows each read as one physical line: the
 * main pass needs the header's width to tell a stray quote from a legitimate multi-line cell,
 * so the header must be found without trusting quotes that span lines.
 */
function locateHeaderLine(text: string, delimiter: string, keys: readonly MappingKey[]): number {
  const rows: CsvRow[] = [];
  parseCsv(
    text,
    delimiter,
    (row) => {
      rows.push(row);
      return rows.length < HEADER_SEARCH_ROWS;
    },
    { fits: () => false },
  );
  return rows[findHeaderRow(rows, keys)].line;
}

export function readCsv(bytes: Uint8Array, opts: CsvReadOptions, meta: Record<string, string | number> = {}): Snapshot {
  const decoded = decodeBytes(bytes, opts.encoding ?? 'auto');
  // A BOM can survive decoding when bytes were forced through windows-1252 or doubled by an editor.
  const text = decoded.text.replace(/^\uFEFF+/, '');
  const delimiter = !opts.delimiter || opts.delimiter === 'auto' ? detectDelimiter(text) : opts.delimiter;

  const keys = Object.keys(opts.mapping).map(parseMappingKey);
  const records: ReceivedRecord[] = [];
  let plan: ColumnPlan | undefined;
  const headerLine = opts.headerRow ?? locateHeaderLine(text, delimiter, keys);
  const consume = (row: CsvRow, columns: ColumnPlan) => {
    if (isBlankRow(row.cells) && !row.error) return;
    records.push(rowToRecord(row, records.length, columns, decoded.invalid));
  };
  // Rows are buffered only until the header is known, so a 100k-row file is not held twice.
  const pending: CsvRow[] = [];
  const decide = (): ColumnPlan => {
    const headerIndex = findHeaderRow(pending, keys, headerLine);
    const header = pending[headerIndex];
    const decided = planColumns(header.cells, opts.mapping, header.line);
    for (let i = headerIndex + 1; i < pending.length; i++) consume(pending[i], decided);
    pending.length = 0;
    return decided;
  };
  // Which rows a stray quote may have garbled: a data row of the wrong width, or a preamble
  // row running into the header. The header row itself defines the width, so it is believed.
  const fits = (cells: readonly string[], startLine: number, endLine: number): boolean => {
    if (plan) return fitsWidth(cells, plan.width);
    return startLine >= headerLine || endLine < headerLine;
  };
  parseCsv(
    text,
    delimiter,
    (row) => {
      if (plan) return consume(row, plan);
      pending.push(row);
      if (row.line >= headerLine) plan = decide();
    },
    { fits },
  );
  plan ??= decide();

  const fallback = orderOf(opts.dateFormat ?? 'DD/MM/YYYY');
  const dateMeta: string[] = [];
  const mappedDates = new Set(plan.columns.map((c) => c.field).filter((f) => dateFields.includes(f)));
  for (const field of mappedDates) {
    // Shifted cells of malformed rows would be false evidence about the column.
    const values = records.filter((r) => !r.malformed).map((r) => r.fields[field] ?? '');
    const format = detectDateFormat(values, fallback);
    dateMeta.push(`${field} : ${format.label}`);
    for (const r of records) {
      const value = r.fields[field];
      if (value === undefined) continue;
      // Unparseable values are left as received so the core can name them (DATE_INVALID).
      const converted = toIsoDate(value, format.order);
      if (converted !== undefined) r.fields[field] = converted;
    }
  }

  const snapshotMeta: Record<string, string | number> = {
    ...meta,
    encoding: decoded.encoding,
    bom: decoded.bom ? 'oui' : 'non',
    delimiter: delimiter === '\t' ? 'tab' : delimiter,
    headerRow: headerLine,
    rows: records.length,
    malformed: records.filter((r) => r.malformed).length,
    dateFormats: dateMeta.join(' ; ') || 'aucune colonne de date',
  };
  if (decoded.note) snapshotMeta.encodingNote = decoded.note;
  if (decoded.invalid) snapshotMeta.encodingNote = 'octets invalides en UTF-8 : lignes concernées marquées illisibles';
  return { source: 'csv', records, meta: snapshotMeta };
}
