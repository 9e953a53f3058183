/**
 * Day arithmetic and long day names for the Historique. History days are calendar days
 * (`YYYY-MM-DD`, Europe/Paris), not instants: they are computed and formatted in UTC so the
 * browser's zone can never move a day to its neighbour.
 */
import type { Localizer } from '../shared/i18n/localize.ts';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDay(value: string): boolean {
  return DAY.test(value);
}

function toUtc(day: string): number | null {
  const m = DAY.exec(day);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}

/** '2026-02-28' + 1 -> '2026-03-01'. Used for `before` = the day after the range's end. */
export function addDays(day: string, n: number): string {
  const t = toUtc(day);
  if (t === null) return day;
  return new Date(t + n * 86_400_000).toISOString().slice(0, 10);
}

const longFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * "Jeudi 12 mars 2026" / "Thursday 12 March 2026": a day heading reads better than 12/03/2026.
 * `capitalize: false` keeps the language's own case, for a day inside a sentence ("le jeudi 12 mars").
 */
export function longDay(day: string, loc: Localizer, capitalize = true): string {
  const t = toUtc(day);
  if (t === null) return day;
  let format = longFormats.get(loc.t.locale);
  if (!format) {
    format = new Intl.DateTimeFormat(loc.t.locale, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    longFormats.set(loc.t.locale, format);
  }
  const text = format.format(t);
  if (!capitalize) return text;
  return text.charAt(0).toLocaleUpperCase(loc.t.locale) + text.slice(1);
}
