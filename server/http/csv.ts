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
