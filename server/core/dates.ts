/**
 * Date reading for ERP exports. French exports say DD/MM/YYYY, some US-configured ones
 * M/D/YYYY, JSON APIs ISO: all end up as ISO days so they compare as strings.
 */

export const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
// The separator is captured and reused so that "01/02-2026" is not taken for a date.
// An optional time part is tolerated because spreadsheet exports often append "00:00:00".
export const NUMERIC_DATE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;

const ZONED = /[T ]\d{1,2}:\d{2}.*(?:Z|[+-]\d{2}:?\d{2})$/;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isDay(y: number, m: number, d: number): boolean {
  if (y < 1000 || m < 1 || m > 12 || d < 1) return false;
  return d <= (m === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[m - 1]);
}

function iso(y: number, m: number, d: number): string | null {
  return isDay(y, m, d) ? `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}` : null;
}

/**
 * Reads a date as an ERP sends it and returns the ISO day, or null when it is not a real date.
 * `order` only decides how day-first/month-first numeric dates are read: an ERP is consistent
 * within one export, so guessing per value (13/01 must be day-first...) would hide misreads.
 */
export function parseDate(value: string, order: 'dmy' | 'mdy'): string | null {
  if (value.length === 10) {
    const fast = parseTenChars(value, order);
    if (fast !== undefined) return fast;
  }
  const s = value.trim();
  if (s === '') return null;
  const isoMatch = ISO_DATE.exec(s);
  if (isoMatch) {
    const day = iso(Number(isoMatch[1]), Number(isoMatch[2]), Number(isoMatch[3]));
    // An instant with a zone (.NET and Java serialise Paris midnight as 22:00Z the day before)
    // names the Paris day it falls on; a time without a zone is already local.
    return day !== null && ZONED.test(s) ? parisDate(s) : day;
  }
  const m = NUMERIC_DATE.exec(s);
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[3]);
  const y = Number(m[4]);
  return order === 'dmy' ? iso(y, b, a) : iso(y, a, b);
}

/** The ASCII digit at `i`, or -1. */
function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** The number written by the two (four) ASCII digits at `i`, or -1 when one is not a digit. */
function twoDigits(s: string, i: number): number {
  const a = digitAt(s, i);
  const b = digitAt(s, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

function fourDigits(s: string, i: number): number {
  const a = twoDigits(s, i);
  const b = twoDigits(s, i + 2);
  return a < 0 || b < 0 ? -1 : a * 100 + b;
}

/**
 * parseDate for the two forms nearly every value takes, 'YYYY-MM-DD' and 'DD/MM/YYYY' (any of
 * its separators), without a regex: nightly imports read a few hundred thousand dates. Gives
 * the same answer as the regexes would, or undefined when the value is not of these forms.
 */
function parseTenChars(v: string, order: 'dmy' | 'mdy'): string | null | undefined {
  const c4 = v.charCodeAt(4);
  if (c4 === 45 && v.charCodeAt(7) === 45) {
    const y = fourDigits(v, 0);
    const m = twoDigits(v, 5);
    const d = twoDigits(v, 8);
    if (y < 0 || m < 0 || d < 0) return undefined;
    // Already the ISO day iso() would write: the value itself, no new string.
    return isDay(y, m, d) ? v : null;
  }
  const sep = v.charCodeAt(2);
  // '/', '-' or '.', the same twice.
  if ((sep !== 47 && sep !== 45 && sep !== 46) || v.charCodeAt(5) !== sep) return undefined;
  const a = twoDigits(v, 0);
  const b = twoDigits(v, 3);
  const y = fourDigits(v, 6);
  if (a < 0 || b < 0 || y < 0) return undefined;
  return order === 'dmy' ? iso(y, b, a) : iso(y, a, b);
}

// Built once: constructing an Intl formatter is far more costly than using it.
let parisFormatter: Intl.DateTimeFormat | null = null;

/** The Europe/Paris calendar day of an instant: a run at 00:30 Paris time belongs to that day, not to UTC's previous one. */
export function parisDate(instantIso: string): string {
  parisFormatter ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const instant = new Date(instantIso);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`not an ISO instant: ${instantIso}`);
  let y = '';
  let mo = '';
  let d = '';
  for (const p of parisFormatter.formatToParts(instant)) {
    if (p.type === 'year') y = p.value;
    else if (p.type === 'month') mo = p.value;
    else if (p.type === 'day') d = p.value;
  }
  return `${y}-${mo}-${d}`;
}
