/**
 * <erp-sync-history> on the real server app in MSW, over 30 seeded days of a fake ERP
 * (mock-api/browser.ts, today pinned). The mock is started once per file (seeding takes
 * seconds) and switched with `use(scenario)`; each test mounts a new element. What the seeded
 * data holds is asked of the API itself (which day has an archive...), so the tests do not
 * depend on the seed's details.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { dateFields } from '../../../contract/fields.ts';
import { fr } from '../../../contract/i18n/fr.ts';
import type { change, changeKind, fieldChange, historyDay } from '../../../contract/api.ts';
import '../../../widget/history/erp-sync-history.ts';
import type { ErpSyncHistory } from '../../../widget/history/erp-sync-history.component.ts';
import { useMockApi } from '../support/mock.ts';
import { useRequestLog } from '../support/requests.ts';
import {
  button,
  contracts,
  day,
  days,
  dayToggle,
  norm,
  openContract,
  openDay,
  root,
  setDate,
  type,
  waitForDays,
  waitForText,
  waitUntil,
} from './helpers.ts';

const backend = useMockApi();
let allDays: historyDay[];
const requests = useRequestLog();

before(async () => {
  allDays = (await backend.client.history({ limit: 366 })).days;
});

async function mount(attrs: { date?: string; contract?: string; lang?: string } = {}): Promise<ErpSyncHistory> {
  requests.clear();
  return fixture<ErpSyncHistory>(html`<erp-sync-history
    .token=${backend.mock.token}
    lang=${attrs.lang ?? 'fr'}
    date=${attrs.date ?? ''}
    contract=${attrs.contract ?? ''}
  ></erp-sync-history>`);
}

function dayRequests(): URL[] {
  return requests.all.map((r) => r.url).filter((u) => /\/history\/\d{4}-\d{2}-\d{2}$/.test(u.pathname));
}

function listRequests(): URL[] {
  return requests.to('/history').map((r) => r.url);
}

/** The newest day with at least one change of this kind (asked of the API, not assumed). */
function dayWith(kind: changeKind): string {
  const found = allDays.find((d) => d[kind] > 0);
  if (!found) throw new Error(`the seed has no ${kind} change`);
  return found.date;
}

/** The dates the first page of the list should hold under a kind filter (from the unfiltered counts). */
function datesWith(kind: changeKind | ''): string[] {
  return allDays
    .filter((d) => kind === '' || d[kind] > 0)
    .slice(0, 30)
    .map((d) => d.date);
}

/** A recorded value as the widget shows it: contract dates (ISO) as dd/mm/yyyy, the rest as is. */
function shown(field: string, value: string): string {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return iso && (dateFields as readonly string[]).includes(field) ? `${iso[3]}/${iso[2]}/${iso[1]}` : value;
}

function listedDates(el: ErpSyncHistory): string[] {
  return days(el).map((d) => d.dataset.date!);
}

/** Presses a kind chip and waits for the day list that filter gives (the list is fetched again). */
async function selectKind(el: ErpSyncHistory, kind: changeKind | ''): Promise<void> {
  root(el).querySelector<HTMLButtonElement>(`[part="kind-filter"] button[data-kind="${kind}"]`)!.click();
  const expected = datesWith(kind);
  await waitUntil(() => listedDates(el).join() === expected.join(), `days listed for kind "${kind}"`);
}

/** Each badge of a listed day, as kind -> count. */
function badges(dayEl: Element): Record<string, number> {
  return Object.fromEntries(
    [...dayEl.querySelectorAll<HTMLElement>('[part="badge"]')].map((b) => [b.dataset.kind!, Number(b.dataset.count)]),
  );
}

describe('<erp-sync-history> with the mock API', () => {
  const client = () => backend.client;
  const mock = () => backend.mock;

  afterEach(async function () {
    this.timeout(60_000);
    if (mock().scenario !== 'normal') await mock().use('normal');
  });

  it('lists the days newest first, with their runs, counts and a chart with a text alternative', async () => {
    const el = await mount();
    await expect(el).to.be.accessible(); // loading state
    await waitForDays(el);
    const dates = days(el).map((d) => d.dataset.date!);
    expect(dates).to.deep.equal(allDays.slice(0, 30).map((d) => d.date));
    const first = days(el)[0];
    const firstDay = allDays[0];
    // "Samedi 28 novembre 2026"-like: weekday, day, month in words, year.
    expect(norm(first.querySelector('.day-date')!.textContent)).to.match(/^[A-ZÉ][a-zéû]+ \d{1,2} [a-zéû]+ \d{4}$/);
    expect(norm(first.querySelector('[part="runs"]')!.textContent)).to.include('Réussie');
    for (const kind of ['added', 'updated', 'archived', 'rejected', 'fixed'] as const) {
      const badge = first.querySelector(`[part="badge"][data-kind="${kind}"]`);
      if (firstDay[kind] > 0) expect(badge!.getAttribute('data-count')).to.equal(String(firstDay[kind]));
      else expect(badge).to.equal(null);
    }
    await waitUntil(() => root(el).querySelector('svg[role="img"]'), 'chart');
    const charts = [...root(el).querySelectorAll('[part~="sparkline"]')];
    expect(charts).to.have.length(2);
    expect(norm(charts[0].getAttribute('aria-label'))).to.match(/^Intégrés du \d\d\/\d\d\/\d{4} au \d\d\/\d\d\/\d{4} : entre \d+ et \d+/);
    expect(norm(charts[1].getAttribute('aria-label'))).to.match(/^Non intégrés du /);
    await expect(el).to.be.accessible();
  });

  it('fetches a day only when it is opened, then shows an update field by field', async () => {
    const el = await mount();
    await waitForDays(el);
    await waitUntil(() => root(el).querySelector('svg[role="img"]'), 'chart');
    expect(dayRequests(), 'no day fetched before opening').to.have.length(0);

    const date = dayWith('updated');
    const target = day(el, date);
    const toggle = dayToggle(target);
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(root(el).getElementById(toggle.getAttribute('aria-controls')!)!.hidden).to.equal(true);
    const toggled = oneEvent(el, 'erp-sync-day-toggle');
    await openDay(el, target);
    expect((await toggled).detail).to.deep.equal({ date, open: true });
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(dayRequests().map((u) => u.pathname)).to.deep.equal([`/api/erp-sync/history/${date}`]);

    const expected = (await client().historyDay(date, { kind: 'updated', limit: 1 })).changes[0];
    const row = contracts(target).find((c) => c.dataset.code === expected.codeContrat)!;
    expect(norm(row.querySelector('.learner')!.textContent)).to.equal(expected.learner.trim());
    const details = await openContract(el, row);
    const diff = details.querySelector('table.diff')!;
    const field = expected.fields[0];
    const line = diff.querySelector(`tr[data-field="${field.field}"]`)!;
    // Whatever the field, its French label from the contract module (never the raw field name).
    const label = (fr.fieldLabels as Record<string, string | undefined>)[field.field];
    expect(label, `a label for ${field.field}`).to.be.a('string').and.not.equal(field.field);
    expect(norm(line.querySelector('th')!.textContent)).to.equal(norm(label));
    // An empty side reads "nothing there", not an empty <del>/<ins>.
    for (const [side, tag] of [
      ['before', 'del'],
      ['after', 'ins'],
    ] as const) {
      const cell = line.querySelector(`td.${side}`)!;
      if (field[side] === '') expect(cell.querySelector(tag), `${side} empty`).to.equal(null);
      else expect(norm(cell.querySelector(tag)!.textContent)).to.equal(norm(shown(field.field, field[side])));
    }
    expect([...diff.querySelectorAll('thead th')].map((th) => norm(th.textContent))).to.deep.equal([
      'Champ',
      'Ancienne valeur',
      'Nouvelle valeur',
    ]);
    await expect(el).to.be.accessible();

    // Closing stops listening: the event says so and the panel is hidden again.
    const closed = oneEvent(el, 'erp-sync-day-toggle');
    toggle.click();
    expect((await closed).detail).to.deep.equal({ date, open: false });
    await el.updateComplete;
    expect(root(el).getElementById(toggle.getAttribute('aria-controls')!)!.hidden).to.equal(true);
  });

  it('shows a changed contract date as dd/mm/yyyy in the diff, like the Données tab', async () => {
    let found: { date: string; change: change; field: fieldChange } | undefined;
    for (const d of allDays.filter((x) => x.updated > 0)) {
      const { changes } = await client().historyDay(d.date, { kind: 'updated', limit: 500 });
      for (const c of changes) {
        const field = c.fields.find((f) => (dateFields as readonly string[]).includes(f.field) && f.before !== '' && f.after !== '');
        if (field) found = { date: d.date, change: c, field };
      }
      if (found) break;
    }
    expect(found, 'the seed edits a contract date').to.not.equal(undefined);
    const { date, change: edited, field } = found!;
    const el = await mount();
    await waitForDays(el);
    await selectKind(el, 'updated');
    const target = day(el, date);
    await openDay(el, target);
    const details = await openContract(el, contracts(target).find((c) => c.dataset.code === edited.codeContrat)!);
    const line = details.querySelector(`table.diff tr[data-field="${field.field}"]`)!;
    expect(norm(line.querySelector('del')!.textContent)).to.equal(shown(field.field, field.before));
    expect(norm(line.querySelector('ins')!.textContent)).to.equal(shown(field.field, field.after));
    expect(norm(line.querySelector('del')!.textContent)).to.match(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(norm(details.textContent)).to.not.match(/\d{4}-\d{2}-\d{2}/);
    await selectKind(el, '');
  });

  it('opens a day from the keyboard', async () => {
    const el = await mount();
    await waitForDays(el);
    const toggle = dayToggle(days(el)[0]);
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => toggle.getAttribute('aria-expanded') === 'true', 'opened with Enter');
    await sendKeys({ press: 'Space' });
    await waitUntil(() => toggle.getAttribute('aria-expanded') === 'false', 'closed with Space');
  });

  it('shows what an addition, an archive, a new rejection and a fix each changed', async () => {
    const el = await mount();
    await waitForDays(el);
    for (const kind of ['added', 'archived', 'rejected', 'fixed'] as const) {
      const date = dayWith(kind);
      await selectKind(el, kind);
      const target = day(el, date);
      await openDay(el, target);
      await waitUntil(
        () => dayRequests().at(-1)?.searchParams.get('kind') === kind && target.querySelector('.contracts[aria-busy="false"]'),
        `${kind} filter applied`,
      );
      const rows = contracts(target);
      expect(rows.length, kind).to.be.greaterThan(0);
      for (const r of rows) expect(r.querySelector('[part="kind"]')!.getAttribute('data-kind')).to.equal(kind);
      const expected = (await client().historyDay(date, { kind, limit: 1 })).changes[0];
      const details = await openContract(el, rows.find((r) => r.dataset.code === expected.codeContrat)!);
      const change = details.querySelector<HTMLElement>(`[part="change"][data-kind="${kind}"]`)!;
      if (kind === 'added' || kind === 'archived') {
        const list = change.querySelector('dl.fields')!;
        const side = kind === 'added' ? 'after' : 'before';
        const filled = expected.fields.filter((f) => f[side] !== '');
        expect(filled.length, `${kind} fields`).to.be.greaterThan(0);
        for (const f of filled) expect(norm(list.textContent)).to.include(norm(shown(f.field, f[side])));
        // Contract dates read as in the Données tab (01/09/2025), never as ISO.
        const dates = filled.filter((f) => (dateFields as readonly string[]).includes(f.field));
        if (kind === 'added') expect(dates.length, 'an added contract has its dates').to.be.greaterThan(0);
        for (const f of dates) expect(norm(list.textContent)).to.not.include(f[side]);
        expect(change.querySelector('table.diff')).to.equal(null);
      } else {
        expect(norm(change.querySelector('.reasons-title')!.textContent)).to.equal(
          kind === 'fixed' ? 'Motifs corrigés :' : 'Motifs de rejet apparus :',
        );
        const items = [...change.querySelectorAll('ul.reasons li')].map((li) => norm(li.textContent));
        expect(items).to.deep.equal(expected.reasons.map((r) => norm(r.message)));
      }
      await expect(el).to.be.accessible();
      dayToggle(target).click();
    }
    await selectKind(el, '');
  });

  it('searches the opened days by name, accent-insensitively ("helene" finds "Hélène")', async () => {
    const el = await mount();
    await waitForDays(el);
    // The first import day adds every contract: the fullest day to search.
    const date = allDays[allDays.length - 1].date;
    const target = day(el, date);
    await openDay(el, target);
    type(el, 'helene');
    await waitUntil(
      () => dayRequests().at(-1)?.searchParams.get('q') === 'helene' && target.querySelector('.contracts[aria-busy="false"]'),
      'search applied',
    );
    await waitUntil(() => {
      const rows = contracts(target);
      return rows.length > 0 && rows.every((c) => norm(c.querySelector('.learner')!.textContent).includes('Hélène'));
    }, 'only Hélène');
    expect(contracts(target).length).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
  });

  it('lists only the days where a searched learner changed, with badges counting their changes; clearing restores the list', async () => {
    // A learner with an update: changed on a few days only (the first import day adds everyone).
    const updated = (await client().historyDay(dayWith('updated'), { kind: 'updated', limit: 1 })).changes[0];
    const learner = updated.learner.trim();
    // What each day holds for that search, asked day by day (not of the list being tested).
    const expected = new Map<string, Record<string, number>>();
    for (const d of allDays) {
      const { changes } = await client().historyDay(d.date, { q: learner, limit: 500 });
      const counts: Record<string, number> = {};
      for (const c of changes) counts[c.kind] = (counts[c.kind] ?? 0) + 1;
      if (changes.length > 0) expected.set(d.date, counts);
    }
    expect(expected.size).to.be.greaterThan(0);
    expect(expected.size, 'a search narrows the list').to.be.lessThan(allDays.length);

    const el = await mount();
    await waitForDays(el);
    expect(norm(root(el).querySelector('#history-search-hint')!.textContent)).to.include(
      'Seuls les jours ayant un changement correspondant sont listés',
    );
    type(el, learner);
    await waitUntil(() => listedDates(el).join() === [...expected.keys()].join(), `only the days where ${learner} changed`);
    const request = listRequests().at(-1)!;
    expect(request.searchParams.get('q')).to.equal(learner);
    for (const d of days(el)) expect(badges(d), d.dataset.date).to.deep.equal(expected.get(d.dataset.date!));
    expect(dayRequests(), 'the list is filtered without opening any day').to.have.length(0);
    // An opened day shows that learner's changes only, as many as its badges say.
    const target = days(el)[0];
    await openDay(el, target);
    const rows = contracts(target);
    expect(rows.length).to.be.greaterThan(0);
    for (const r of rows) {
      const shown = norm(r.querySelector('.learner')!.textContent).toLowerCase();
      for (const w of learner.toLowerCase().split(' ')) expect(shown).to.include(w);
    }
    await expect(el).to.be.accessible();

    type(el, '');
    await waitUntil(() => listedDates(el).join() === datesWith('').join(), 'the whole list again');
    for (const d of days(el)) {
      const full = allDays.find((a) => a.date === d.dataset.date)!;
      const counts = Object.fromEntries(
        (['added', 'updated', 'archived', 'rejected', 'fixed'] as const).filter((k) => full[k] > 0).map((k) => [k, full[k]]),
      );
      expect(badges(d), d.dataset.date).to.deep.equal(counts);
    }
  });

  it('the kind filter reduces the day list to days with that kind, counted alone; "Tous" restores it', async () => {
    const el = await mount();
    await waitForDays(el);
    const archivedDays = datesWith('archived');
    expect(archivedDays.length).to.be.greaterThan(0);
    expect(archivedDays.length, 'the seed has days without archives').to.be.lessThan(datesWith('').length);
    await selectKind(el, 'archived');
    for (const d of days(el)) {
      expect(badges(d)).to.deep.equal({ archived: allDays.find((a) => a.date === d.dataset.date)!.archived });
    }
    const request = listRequests().at(-1)!;
    expect(request.searchParams.get('kind')).to.equal('archived');
    await expect(el).to.be.accessible();
    await selectKind(el, '');
    expect(days(el)).to.have.length(datesWith('').length);
  });

  it('says when no day has a matching change, and keeps the filters to clear it', async () => {
    const el = await mount();
    await waitForDays(el);
    type(el, 'zzzz-personne');
    await waitForText(el, 'Aucun changement ne correspond aux filtres.');
    expect(days(el)).to.have.length(0);
    // Said by the element's one live region (not a second status in the empty state).
    await waitUntil(
      () => norm(root(el).querySelector('[data-announcer]')?.textContent) === 'Aucun changement ne correspond aux filtres.',
      'announced',
    );
    expect(root(el).querySelectorAll('[role="status"]')).to.have.length(1);
    expect(root(el).querySelector('input[type="search"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
    el.lang = 'en';
    await waitForText(el, 'No change matches the filters.');
    type(el, '');
    await waitUntil(() => days(el).length === datesWith('').length, 'the whole list again');
  });

  it('pages a day’s changes with the shared pager', async () => {
    const el = await mount();
    await waitForDays(el);
    const date = allDays[allDays.length - 1].date;
    const total = allDays[allDays.length - 1].added + allDays[allDays.length - 1].rejected;
    const target = day(el, date);
    await openDay(el, target);
    expect(contracts(target).length).to.be.at.most(50);
    const pager = target.querySelector<HTMLElement>('nav.pager')!;
    expect(norm(pager.querySelector('.range')!.textContent)).to.match(/^1–50 sur \d+/);
    expect(total).to.be.greaterThan(50);
    button(pager, 'Page suivante').click();
    await waitUntil(() => norm(target.querySelector('nav.pager .range')?.textContent).startsWith('51–'), 'second page');
    expect(dayRequests().at(-1)!.searchParams.get('offset')).to.equal('50');
  });

  it('filters the days by a date range (from, and before = the day after to)', async () => {
    const el = await mount();
    await waitForDays(el);
    const to = allDays[3].date;
    const from = allDays[7].date;
    setDate(el, 'from', from);
    setDate(el, 'to', to);
    await waitUntil(() => days(el).length === 5, 'five days in range');
    expect(days(el).map((d) => d.dataset.date)).to.deep.equal(allDays.slice(3, 8).map((d) => d.date));
    const request = listRequests().at(-1)!;
    expect(request.searchParams.get('from')).to.equal(from);
    expect(request.searchParams.get('before')).to.equal(allDays[2].date);
    // An inverted range is refused in words, and the applied one stays.
    setDate(el, 'from', allDays[0].date);
    await el.updateComplete;
    expect(norm(root(el).querySelector('[part="date-range"] [role="alert"]')!.textContent)).to.equal(
      'La date de début est postérieure à la date de fin.',
    );
    expect(days(el)).to.have.length(5);
    await expect(el).to.be.accessible();
    button(root(el), 'Effacer les dates').click();
    await waitUntil(() => days(el).length === 30, 'whole history again');
  });

  it('shows one contract’s timeline across days, and goes back to the whole history', async () => {
    // A contract changed on several days: the busiest code of the history.
    const counts = new Map<string, number>();
    for (const d of allDays.slice(0, 29)) {
      for (const c of (await client().historyDay(d.date, { limit: 500 })).changes)
        counts.set(c.codeContrat, (counts.get(c.codeContrat) ?? 0) + 1);
    }
    const [code] = [...counts].sort((a, b) => b[1] - a[1])[0];
    const expected = (await client().contract(code)).timeline;
    const el = await mount({ contract: code });
    await waitUntil(() => root(el).querySelector('[part="timeline"]'), 'timeline');
    const entries = [...root(el).querySelectorAll<HTMLElement>('[part="timeline"] > li')];
    expect(entries).to.have.length(expected.length);
    expect(entries.map((e) => e.dataset.date)).to.deep.equal([...expected].sort((a, b) => (a.at < b.at ? 1 : -1)).map((c) => c.date));
    expect(norm(root(el).querySelector('h2')!.textContent)).to.include(`(${code})`);
    expect(dayRequests()).to.have.length(0);
    await expect(el).to.be.accessible();

    const closed = oneEvent(el, 'erp-sync-timeline-close');
    button(root(el), 'Retour à l’historique complet').click();
    expect((await closed).detail).to.deep.equal({ code });
    await waitForDays(el);
    expect(el.contract).to.equal('');
    expect(root(el).activeElement?.id).to.equal('history-heading');
  });

  it('opens a contract’s timeline from a day', async () => {
    const el = await mount();
    await waitForDays(el);
    const target = days(el)[0];
    await openDay(el, target);
    const row = contracts(target)[0];
    const details = await openContract(el, row);
    const selected = oneEvent(el, 'erp-sync-contract-select');
    button(details, 'Tout l’historique de ce contrat').click();
    expect((await selected).detail).to.deep.equal({ code: row.dataset.code });
    await waitUntil(() => root(el).querySelector('[part="timeline"]'), 'timeline');
  });

  it('opens and expands a deep-linked day (attribute date)', async () => {
    const date = allDays[5].date;
    const el = await mount({ date });
    await waitUntil(() => root(el).querySelector(`li.day[data-date="${date}"] .contracts`), 'deep-linked day open');
    expect(dayToggle(day(el, date)).getAttribute('aria-expanded')).to.equal('true');
    expect(dayRequests().map((u) => u.pathname)).to.deep.equal([`/api/erp-sync/history/${date}`]);
  });

  it('renders in English after switching lang', async () => {
    const el = await mount();
    await waitForDays(el);
    const date = dayWith('rejected');
    await selectKind(el, 'rejected');
    await openDay(el, day(el, date));
    const details = await openContract(el, contracts(day(el, date))[0]);
    el.lang = 'en';
    await el.updateComplete;
    expect(norm(root(el).querySelector('h2')!.textContent)).to.equal('History');
    expect(norm(days(el)[0].querySelector('.day-date')!.textContent)).to.match(/^[A-Z][a-z]+, \d{1,2} [A-Z][a-z]+ \d{4}$/);
    for (const badge of root(el).querySelectorAll('[part="badge"]')) {
      expect(norm(badge.textContent)).to.match(/^\d+ (added|updated|archived|newly rejected|fixed)$/);
    }
    expect(root(el).querySelector('[part="kind-filter"] [aria-pressed="true"]')!.textContent!.trim()).to.equal('Newly rejected');
    expect(norm(details.querySelector('.reasons-title')!.textContent)).to.equal('Rejection reasons that appeared:');
    // reason sentences are worded on the client: no refetch needed to switch language.
    expect(norm(details.querySelector('ul.reasons li')!.textContent)).to.match(/ in the ERP\.$/);
    expect(norm(root(el).querySelector('[part~="sparkline"]')!.getAttribute('aria-label'))).to.match(/^Integrated from /);
    await expect(el).to.be.accessible();
  });

  it('renders the seed’s hostile learner name as text', async () => {
    // The seed's hostile learner (mock-api/fake-erp/names.ts) is asked of the API: the days
    // where a change matches "onerror" (it is added on the first import day, so there is one).
    const { days: matching } = await client().history({ q: 'onerror', limit: 366 });
    expect(matching.length, 'the seed has its hostile learner in the history').to.be.greaterThan(0);
    const date = matching[0].date;
    const el = await mount({ date });
    type(el, 'onerror');
    await waitUntil(
      () => dayRequests().at(-1)?.searchParams.get('q') === 'onerror' && root(el).querySelector('.contracts[aria-busy="false"]'),
      'searched',
    );
    const row = contracts(day(el, date))[0];
    expect(norm(row.querySelector('.learner')!.textContent)).to.include('<img src=x onerror=alert(1)>');
    await openContract(el, row);
    expect(root(el).querySelector('img')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('draws the never-synced history: "Aucun import pour l’instant"', async () => {
    await mock().use('never-synced');
    const el = await mount();
    await waitForText(el, 'Aucun import pour l’instant');
    await expect(el).to.be.accessible();
  });

  it('draws a server error with a retry, and fires erp-sync-error', async () => {
    await mock().use('server-error');
    requests.clear();
    const el = document.createElement('erp-sync-history');
    const failed = oneEvent(el, 'erp-sync-error');
    el.token = mock().token;
    await fixture(html`<div>${el}</div>`);
    expect((await failed).detail.error.name).to.equal('ApiError');
    await waitForText(el, 'Le chargement a échoué.');
    expect(root(el).querySelector('button.retry')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('says an expired session in words (401)', async () => {
    await mock().use('expired-token');
    const el = await mount();
    await waitForText(el, 'Session expirée');
    await expect(el).to.be.accessible();
  });
});
