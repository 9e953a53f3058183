/**
 * Formatting and strings for one language. Widgets read their `Localizer` at each render from
 * their `lang` property, so switching `lang` re-renders every text; French is bundled, other
 * languages are loaded the first time they are asked for (see ErpSyncElement.scheduleUpdate).
 *
 * - Dates: contract days (`YYYY-MM-DD`) are shown as written, dd/mm/yyyy, without any time-zone
 *   shift (a day is not an instant); instants (ISO 8601) are shown in Europe/Paris, where the CFAs
 *   are, whatever the browser's zone.
 * - Numbers: Intl grouping ("18 240" in French with a narrow no-break space, "18,240" in English).
 */
import type { lang } from '../../../contract/fields.ts';
import { fieldLabelIn, reasonSentence } from '../../../contract/i18n/wording.ts';
import type { reason, reasonCode } from '../../../contract/reasons.ts';
import { ApiError } from '../api-client.ts';
import { fr } from './fr.ts';
import { frenchReasons } from './reason-templates.ts';
import type { PluralForms, Translations } from './translations.ts';

export type { lang } from '../../../contract/fields.ts';
export type { PluralForms, Translations } from './translations.ts';

/** Paris is where every CFA of this product is; dates must not move with the browser's zone. */
export const TIME_ZONE = 'Europe/Paris';

/** Any `lang` value (attribute text) to a supported language; French is the default. */
export function toLang(value: string | null | undefined): lang {
  const base = (value ?? '').toLowerCase().split('-')[0];
  return base === 'en' ? 'en' : 'fr';
}

export class Localizer {
  readonly lang: lang;
  readonly t: Translations;
  private readonly numberFormat: Intl.NumberFormat;
  private readonly dateFormat: Intl.DateTimeFormat;
  private readonly timeFormat: Intl.DateTimeFormat;
  private readonly plurals: Intl.PluralRules;
  private readonly ordinals: Intl.PluralRules;

  constructor(t: Translations) {
    this.lang = t.lang;
    this.t = t;
    this.numberFormat = new Intl.NumberFormat(this.t.locale);
    this.dateFormat = new Intl.DateTimeFormat(this.t.locale, {
      timeZone: TIME_ZONE,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    });
    this.timeFormat = new Intl.DateTimeFormat(this.t.locale, {
      timeZone: TIME_ZONE,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    this.plurals = new Intl.PluralRules(this.t.locale);
    this.ordinals = new Intl.PluralRules(this.t.locale, { type: 'ordinal' });
  }

  /** 18240 -> "18 240" (fr) / "18,240" (en). */
  number(n: number): string {
    return this.numberFormat.format(n);
  }

  /**
   * A day or an instant as dd/mm/yyyy. A bare day ('2025-09-01') is reformatted as is; an
   * instant is converted to Paris time first. Unparseable input is returned unchanged, since
   * showing what the ERP sent beats showing nothing.
   */
  date(value: string): string {
    if (!value) return '';
    const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (day) return `${day[3]}/${day[2]}/${day[1]}`;
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? value : this.dateFormat.format(d);
  }

  /** An instant's Paris time, "14:05". */
  time(value: string): string {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? '' : this.timeFormat.format(d);
  }

  /**
   * The visible range of a page: offset 0, 50 shown of 18240 -> "1–50 sur 18 240".
   * `count` is the number of rows actually shown (the last page may be short).
   */
  range(offset: number, count: number, total: number): string {
    if (total === 0 || count === 0) return this.t.range('0', '0', this.number(total));
    return this.t.range(this.number(offset + 1), this.number(offset + count), this.number(total));
  }

  /** Picks the plural form: plural(1, t.contracts) -> 'contrat'. */
  plural(n: number, forms: PluralForms): string {
    return this.plurals.select(n) === 'one' ? forms.one : forms.other;
  }

  /** 2 -> "2e" (fr, feminine: "1re copie") / "2nd" (en). */
  ordinal(n: number): string {
    const suffixes = this.t.ordinalSuffixes;
    return `${this.number(n)}${suffixes[this.ordinals.select(n)] ?? suffixes.other}`;
  }

  /** "3 contrats", "1 contract". */
  count(n: number, forms: PluralForms): string {
    return `${this.number(n)} ${this.plural(n, forms)}`;
  }

  /** A field's label, e.g. nomEntreprise -> "Entreprise"; a name that is no contract field as is. */
  field(name: string): string {
    return fieldLabelIn(this.t.wording, name);
  }

  /** A reason code's short label, for chips. */
  reasonLabel(code: reasonCode): string {
    return this.t.wording.reasonLabels[code];
  }

  /**
   * The full sentence of a reason, naming the ERP field to fix, in this language. French
   * templates arrive with the schemas, before any response holding a reason can be read; the
   * reason's short label stands in should one be drawn without them.
   */
  reason(r: reason): string {
    const { fieldLabels, reasonLabels } = this.t.wording;
    const reasonTemplates = this.t.wording.reasonTemplates ?? frenchReasons();
    return reasonTemplates ? reasonSentence({ fieldLabels, reasonLabels, reasonTemplates }, r) : this.reasonLabel(r.code);
  }

  /**
   * Words for a failed request, always in this language: known API error codes are translated,
   * the server's own message (French) is never shown. 401/403 also have their own views.
   */
  error(error: unknown): string {
    const t = this.t;
    if (!(error instanceof ApiError)) return t.errorNetwork;
    switch (error.code) {
      case 'NETWORK':
        return t.errorNetwork;
      case 'BAD_RESPONSE':
        return t.errorBadResponse;
      case 'RUN_NOT_HELD':
        return t.errorRunNotHeld;
      case 'NOT_RUNNABLE':
        return t.errorNotRunnable;
      case 'RUN_IN_PROGRESS':
        return t.errorRunInProgress;
      case 'RUN_FAILED':
        return t.errorRunFailed;
      case 'TOKEN_EXPIRED':
      case 'TOKEN_UNAVAILABLE':
      case 'UNAUTHORIZED':
        return t.unauthorizedBody;
      case 'FORBIDDEN':
        return t.forbiddenBody;
      default:
        break;
    }
    if (error.status === 401) return t.unauthorizedBody;
    if (error.status === 403) return t.forbiddenBody;
    if (error.status === 404) return t.errorNotFound;
    if (error.status === 409) return t.errorConflict;
    if (error.status >= 400 && error.status < 500) return t.errorBadRequest;
    return t.errorServer;
  }
}

/** The default language, always there. */
export const french = new Localizer(fr);

const loaded = new Map<lang, Localizer>([['fr', french]]);
const loading = new Map<lang, Promise<Localizer>>();

/** The other languages, fetched the first time a widget shows one: a French page never downloads them. */
const loaders: Record<Exclude<lang, 'fr'>, () => Promise<Translations>> = {
  en: () => import('./en.ts').then((m) => m.en),
};

/**
 * The Localizer of a language if it is loaded (French always is), else undefined: see
 * loadLocalizer. Localizers are immutable, so one per language is shared by every widget.
 */
export function localizerFor(value: string | null | undefined): Localizer | undefined {
  return loaded.get(toLang(value));
}

/** Loads a language once (concurrent callers share the download) and gives its Localizer. */
export function loadLocalizer(value: string | null | undefined): Promise<Localizer> {
  const l = toLang(value);
  const ready = loaded.get(l);
  if (ready) return Promise.resolve(ready);
  let pending = loading.get(l);
  if (!pending) {
    pending = loaders[l as Exclude<lang, 'fr'>]().then((t) => {
      const loc = new Localizer(t);
      loaded.set(l, loc);
      return loc;
    });
    loading.set(l, pending);
  }
  return pending;
}
