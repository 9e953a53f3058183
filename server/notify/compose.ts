/**
 * The e-mail about one run, or a day's digest of several: counts, the top reasons in words,
 * a held run's figures, the error of a failed one, the link to the Synchro ERP page. Plain text:
 * every client shows it, nothing in it can be mistaken for markup. No learner's name or e-mail:
 * counts and reasons only.
 */
import { fieldLabels, type lang, reasonLabels } from '../../contract/index.ts';
import type { RunNotice } from './notable.ts';
import { texts } from './texts.ts';

export interface Email {
  subject: string;
  text: string;
}

function formatters(l: lang) {
  const locale = l === 'fr' ? 'fr-FR' : 'en-GB';
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  return {
    n: (v: number) => number.format(v),
    pct: (v: number) => percent.format(v),
    date: (iso: string) => day.format(new Date(`${iso}T00:00:00Z`)),
    /** "label : value" with French typography (a narrow no-break space before the colon), "label: value" in English. */
    pair: (label: string, value: string) => `${label}${l === 'fr' ? '\u202f:' : ':'} ${value}`,
  };
}

/** The lines about one run: what happened, its counts, the held run's figures or the error. */
function runLines(notice: RunNotice, l: lang): string[] {
  const t = texts[l];
  const f = formatters(l);
  const { run } = notice;
  const c = run.counts;
  const lines = [
    t.runLine(f.date(run.date), t.sources[run.source]),
    notice.kind === 'rejected' ? t.intro.rejected(f.n(c.newlyRejected)) : t.intro[notice.kind],
  ];
  if (notice.kind !== 'failed') {
    lines.push(
      '',
      f.pair(t.counts.received, f.n(c.received)),
      f.pair(t.counts.integrated, f.n(c.integrated)),
      f.pair(t.counts.rejected, f.n(c.rejected)),
      [
        `${t.counts.added} ${f.n(c.added)}`,
        `${t.counts.updated} ${f.n(c.updated)}`,
        `${t.counts.archived} ${f.n(c.archived)}`,
        `${t.counts.fixed} ${f.n(c.fixed)}`,
      ].join(' · '),
    );
  }
  const held = run.held;
  if (notice.kind === 'held' && held) {
    lines.push('');
    if (held.reasons.includes('removal')) lines.push(t.held.removal(f.n(held.wouldArchive), f.n(held.integrated), f.pct(held.maxRatio)));
    if (held.reasons.includes('update')) {
      const top = held.fieldUpdates.slice(0, 3).map((u) => `${fieldLabels[l][u.field]} (${f.n(u.count)})`);
      lines.push(t.held.update(f.pct(held.maxUpdateRatio), top.join(', ')));
    }
    if (held.reasons.includes('truncated')) lines.push(t.held.truncated(f.n(held.received), f.n(held.previousReceived ?? 0)));
    lines.push(t.held.nothingApplied);
  }
  if (notice.kind === 'failed') lines.push('', t.failed(run.error ?? '?'));
  return lines;
}

function reasonLines(notice: RunNotice, l: lang): string[] {
  if (notice.topReasons.length === 0) return [];
  const f = formatters(l);
  return ['', texts[l].topReasons, ...notice.topReasons.map((r) => `- ${f.pair(reasonLabels[l][r.code], f.n(r.count))}`)];
}

function linkLines(pageUrl: string | null, l: lang): string[] {
  return pageUrl ? ['', texts[l].link, pageUrl] : ['', texts[l].noLink];
}

export function runEmail(notice: RunNotice, l: lang): Email {
  const t = texts[l];
  const subject =
    notice.kind === 'rejected'
      ? t.subject.rejected(notice.org.name, formatters(l).n(notice.run.counts.newlyRejected))
      : t.subject[notice.kind](notice.org.name);
  const text = [t.hello, '', ...runLines(notice, l), ...reasonLines(notice, l), ...linkLines(notice.pageUrl, l), '', t.signature].join(
    '\n',
  );
  return { subject, text: `${text}\n` };
}

/** One e-mail for a day's notable runs (oldest first); the top reasons are the latest run's. */
export function digestEmail(notices: readonly RunNotice[], l: lang): Email {
  const t = texts[l];
  const last = notices[notices.length - 1];
  const sections = notices.flatMap((n) => ['', ...runLines(n, l)]);
  const text = [
    t.hello,
    '',
    t.digestIntro(notices.length),
    ...sections,
    ...reasonLines(last, l),
    ...linkLines(last.pageUrl, l),
    '',
    t.signature,
  ].join('\n');
  return { subject: t.digestSubject(last.org.name, notices.length), text: `${text}\n` };
}
