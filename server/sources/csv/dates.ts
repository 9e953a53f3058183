/**
 * Date columns: one format per column, decided over the whole file, because a single row
 * (01/02/2026) cannot tell day-first from month-first but the column usually can (13/02/2026).
 */

import { ISO_DATE as ISO, NUMERIC_DATE as NUMERIC, parseDate } from '../../core/dates.ts';

export type DateOrder = 'dmy' | 'mdy';
export type DateFormatOption = 'DD/MM/YYYY' | 'MM/DD/YYYY';

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

/** ISO 'YYYY-MM-DD', or undefined when the value is not a real date: the core's one date reader. */
export function toIsoDate(value: string, order: DateOrder): string | undefined {
  return parseDate(value, order) ?? undefined;
}
