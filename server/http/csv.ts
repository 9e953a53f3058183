/**
 * CSV for French Excel: UTF-8 with BOM, `;` delimiter, CRLF, cells quoted when needed, and
 * formula injection neutralised (a cell starting with = + - @ tab or CR gets a leading apostrophe,
 * as OWASP recommends) — also when the formula hides behind what Excel ignores or folds: a
 * full-width ＝ ＋ － ＠ (Excel reads them as = + - @), or bidi / invisible characters in front.
 */
export const CSV_BOM = '\uFEFF';
export const CSV_DELIMITER = ';';
export const CSV_EOL = '\r\n';

const FORMULA_START = /^[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;
const NEEDS_QUOTES = /[";\r\n]|^\s|\s$/;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvRow(cells: readonly string[]): string {
  return cells.map(csvCell).join(CSV_DELIMITER) + CSV_EOL;
}

/** A row whose cells are already written (csvCell, csvTextCell). */
export function csvLine(cells: readonly string[]): string {
  return cells.join(CSV_DELIMITER) + CSV_EOL;
}

/**
 * A value Excel would turn into a number or a date (a SIRET becomes 1,23E+13, a code loses its
 * leading zeros), written as a text formula `="…"` that Excel shows verbatim. Only digits and
 * number punctuation get here, so the formula cannot do anything else.
 */
const EXCEL_NUMERIC = /^[\d\s.,/:-]+$/;

export function csvTextCell(value: string): string {
  return value !== '' && EXCEL_NUMERIC.test(value) ? `"=""${value}"""` : csvCell(value);
}

/** An ISO day (2026-01-15) as French spreadsheets show it: 15/01/2026. Anything else as is. */
export function frenchDay(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}
