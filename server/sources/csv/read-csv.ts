/**
 * A CSV export -> Snapshot. Pure (bytes in, snapshot out, no node: imports) so the browser
 * can preview an upload with exactly the server's reading.
 */
import { dateFields, type ContractField } from '../../contract/fields.ts';
import type { ReceivedRecord, Snapshot } from '../../core/types.ts';
import { decodeBytes, type CsvEncodingOption } from './decode.ts';
import { detectDelimiter, type CsvDelimiterOption } from './delimiter.ts';
import { HEADER_SEARCH_ROWS, findHeaderRow, isBlankRow, parseMappingKey, type CsvRow } from './header.ts';
import { parseCsv } from './parse.ts';
import { planColumns, rowToRecord, type ColumnPlan } from './mapping.ts';
import { detectDateFormat, orderOf, toIsoDate, type DateFormatOption } from './dates.ts';

export interface CsvReadOptions {
  /** Column header -> contract field; `Header#2` is the 2nd column named `Header`. */
  mapping: Readonly<Record<string, ContractField>>;
  encoding?: CsvEncodingOption;
  delimiter?: CsvDelimiterOption;
  /** 1-based physical line of the header row; auto-detected when absent. */
  headerRow?: number;
  /** How a date column that never disambiguates itself (only 01/02/2026-like values) is read. */
  dateFormat?: DateFormatOption;
}

export function readCsv(bytes: Uint8Array, opts: CsvReadOptions, meta: Record<string, string | number> = {}): Snapshot {
  const decoded = decodeBytes(bytes, opts.encoding ?? 'auto');
  // A BOM can survive decoding when bytes were forced through windows-1252 or doubled by an editor.
  const text = decoded.text.replace(/^\uFEFF+/, '');
  const delimiter = !opts.delimiter || opts.delimiter === 'auto' ? detectDelimiter(text) : opts.delimiter;

  const keys = Object.keys(opts.mapping).map(parseMappingKey);
  const records: ReceivedRecord[] = [];
  let plan: ColumnPlan | undefined;
  let headerLine = 0;
  const consume = (row: CsvRow, columns: ColumnPlan) => {
    if (isBlankRow(row.cells) && !row.error) return;
    records.push(rowToRecord(row, records.length, columns, decoded.invalid));
  };
  // Rows are buffered only until the header is known, so a 100k-row file is not held twice.
  const pending: CsvRow[] = [];
  const decide = (): ColumnPlan => {
    const headerIndex = findHeaderRow(pending, keys, opts.headerRow);
    const header = pending[headerIndex];
    headerLine = header.line;
    const decided = planColumns(header.cells, opts.mapping, header.line);
    for (let i = headerIndex + 1; i < pending.length; i++) consume(pending[i], decided);
    pending.length = 0;
    return decided;
  };
  parseCsv(text, delimiter, (row) => {
    if (plan) return consume(row, plan);
    pending.push(row);
    const enough = opts.headerRow !== undefined ? row.line >= opts.headerRow : pending.length >= HEADER_SEARCH_ROWS;
    if (enough) plan = decide();
  });
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
