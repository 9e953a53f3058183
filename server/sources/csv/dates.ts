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

/**
 * Distinct values remembered per column: a column of contract dates holds a few hundred, so
 * 100,000 rows cost a few hundred regex matches instead of 100,000. Past this many, values are
 * no longer remembered (still read, only not cached): memory stays bounded on a hostile file.
 */
const DISTINCT_DATES_KEPT = 10_000;

/** Evidence about one column's date format, gathered value by value (a file is read as a stream). */
export class DateFormatDetector {
  private iso = 0;
  private numeric = 0;
  private dayFirst = false;
  private monthFirst = false;
  /** The evidence depends only on which values occur, not how often. */
  private readonly seen = new Set<string>();

  add(value: string): void {
    if (this.seen.has(value)) return;
    if (this.seen.size < DISTINCT_DATES_KEPT) this.seen.add(value);
    const v = value.trim();
    if (v === '') return;
    if (ISO.test(v)) {
      this.iso++;
      return;
    }
    const m = NUMERIC.exec(v);
    if (!m) return;
    this.numeric++;
    const a = Number(m[1]);
    const b = Number(m[3]);
    // 13/13/2026 proves nothing but its own invalidity.
    if (a > 12 && b <= 12) this.dayFirst = true;
    else if (b > 12 && a <= 12) this.monthFirst = true;
  }

  result(fallback: DateOrder): ColumnDateFormat {
    if (this.numeric === 0) return { order: fallback, label: this.iso > 0 ? 'ISO' : 'aucune date' };
    const prefix = this.iso > 0 ? 'ISO et ' : '';
    if (this.dayFirst && this.monthFirst)
      return { order: fallback, label: `${prefix}${formatName(fallback)} (incohérent, format configuré)` };
    if (this.dayFirst) return { order: 'dmy', label: `${prefix}DD/MM/YYYY (détecté)` };
    if (this.monthFirst) return { order: 'mdy', label: `${prefix}M/D/YYYY (détecté)` };
    return { order: fallback, label: `${prefix}${formatName(fallback)} (ambigu, format configuré)` };
  }
}

export function detectDateFormat(values: Iterable<string>, fallback: DateOrder): ColumnDateFormat {
  const detector = new DateFormatDetector();
  for (const value of values) detector.add(value);
  return detector.result(fallback);
}

/** ISO 'YYYY-MM-DD', or undefined when the value is not a real date: the core's one date reader. */
export function toIsoDate(value: string, order: DateOrder): string | undefined {
  return parseDate(value, order) ?? undefined;
}

/** toIsoDate for one column of a file, remembering the distinct values it met (see DISTINCT_DATES_KEPT). */
export function columnDateReader(order: DateOrder): (value: string) => string | undefined {
  const known = new Map<string, string | undefined>();
  return (value) => {
    // One lookup for the common case (a known date); has() only tells a known unreadable value from a new one.
    const hit = known.get(value);
    if (hit !== undefined || known.has(value)) return hit;
    const iso = toIsoDate(value, order);
    if (known.size < DISTINCT_DATES_KEPT) known.set(value, iso);
    return iso;
  };
}
