/**
 * Date columns: one format per column, decided over the whole file, because a single row
 * (01/02/2026) cannot tell day-first from month-first but the column usually can (13/02/2026).
 */

export type DateOrder = 'dmy' | 'mdy';
export type DateFormatOption = 'DD/MM/YYYY' | 'MM/DD/YYYY';

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
// Spreadsheet exports append a midnight time to dates; '.' and '-' separators also occur.
const NUMERIC = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;

export interface ColumnDateFormat {
  order: DateOrder;
  /** Human label for the run's meta, e.g. "DD/MM/YYYY (détecté)". */
  label: string;
}

export function orderOf(option: DateFormatOption): DateOrder {
  return option === 'MM/DD/YYYY' ? 'mdy' : 'dmy';
}

function formatName(order: DateOrder): string {
  return order === 'dmy' ? 'DD/MM/YYYY' : 'M/D/YYYY';
}

export function detectDateFormat(values: Iterable<string>, fallback: DateOrder): ColumnDateFormat {
  let iso = 0;
  let numeric = 0;
  let dayFirst = false;
  let monthFirst = false;
  for (const value of values) {
    const v = value.trim();
    if (v === '') continue;
    if (ISO.test(v)) {
      iso++;
      continue;
    }
    const m = NUMERIC.exec(v);
    if (!m) continue;
    numeric++;
    const a = Number(m[1]);
    const b = Number(m[3]);
    // 13/13/2026 proves nothing but its own invalidity.
    if (a > 12 && b <= 12) dayFirst = true;
    else if (b > 12 && a <= 12) monthFirst = true;
  }
  if (numeric === 0) return { order: fallback, label: iso > 0 ? 'ISO' : 'aucune date' };
  const prefix = iso > 0 ? 'ISO et ' : '';
  if (dayFirst && monthFirst) return { order: fallback, label: `${prefix}${formatName(fallback)} (incohérent, format configuré)` };
  if (dayFirst) return { order: 'dmy', label: `${prefix}DD/MM/YYYY (détecté)` };
  if (monthFirst) return { order: 'mdy', label: `${prefix}M/D/YYYY (détecté)` };
  return { order: fallback, label: `${prefix}${formatName(fallback)} (ambigu, format configuré)` };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** ISO 'YYYY-MM-DD', or undefined when the value is not a real date in a known shape. */
export function toIsoDate(value: string, order: DateOrder): string | undefined {
  const v = value.trim();
  const i = ISO.exec(v);
  if (i) return iso(Number(i[1]), Number(i[2]), Number(i[3]));
  const m = NUMERIC.exec(v);
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = Number(m[3]);
  const year = Number(m[4]);
  return order === 'dmy' ? iso(year, b, a) : iso(year, a, b);
}
