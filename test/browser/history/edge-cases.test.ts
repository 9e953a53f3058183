/**
 * <erp-sync-history> at its edges, on the real server app in MSW with 45 days of history: a
 * 5,000-change day, earlier days and deep links, 401/403/500, a malformed or faulty answer, a new
 * range while the old one loads, focus after each action, the live region, rotated tokens.
 * Expectations are asked of the same app; what it cannot produce on demand (a slow, failing,
 * malformed or faulty answer) is an override, dropped after each test.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { apiError, historyDay, historyDays } from '../../../contract/api.ts';
import '../../../widget/history/erp-sync-history.ts';
import type { ErpSyncHistory } from '../../../widget/history/erp-sync-history.component.ts';
import { ApiError } from '../../../widget/shared/api-client.ts';
import { API, http, HttpResponse, TODAY, useMockApi } from '../support/mock.ts';
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

const backend = useMockApi({ days: 45, contracts: 80 });
const requests = useRequestLog();
/** Every day of the history, newest first, as the API lists them. */
let allDays: historyDay[];

before(async () => {
  allDays = (await backend.client.history({ limit: 366 })).days;
});

async function mount(token: string = backend.mock.token): Promise<ErpSyncHistory> {
  return fixture<ErpSyncHistory>(html`<erp-sync-history .token=${token}></erp-sync-history>`);
}

const dates = (list: readonly historyDay[]) => list.map((d) => d.date);
const listedDates = (el: ErpSyncHistory) => days(el).map((d) => d.dataset.date!);
const historyRequests = () => requests.to('/history');
const announcer = (el: ErpSyncHistory) => root(el).querySelector<HTMLElement>('[data-announcer]')!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const serverError: apiError = { error: { code: 'INTERNAL', message: 'Erreur interne' } };

/** Where the focus is, in words ("day-toggle 2026-02-10", "history-heading", "body"): readable failures. */
function focusOf(el: ErpSyncHistory): string {
  const active = root(el).activeElement;
  if (!active)
    return document.activeElement === el ? 'the host, nothing inside' : (document.activeElement?.tagName.toLowerCase() ?? 'none');
  if (active.id) return active.id;
  const dayDate = active.closest('li.day')?.getAttribute('data-date');
  return `${active.getAttribute('part') ?? active.tagName.toLowerCase()}${dayDate ? ` ${dayDate}` : ''}`;
}

const changesOf = (d: historyDay) => d.added + d.updated + d.archived + d.rejected + d.fixed;

/** "jeudi 12 mars 2026" / "Thursday, 12 March 2026": a calendar day inside a sentence. */
function longDay(date: string, locale: string): string {
  const format = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return format.format(Date.parse(`${date}T00:00:00Z`));
}

/** Newest first, each date once: what `repeat` keyed by date needs, and what a reader expects. */
function expectStrictlyDescending(list: readonly string[]): void {
  expect(list.length).to.be.greaterThan(0);
  for (let i = 1; i < list.length; i++) expect(list[i] < list[i - 1], `${list[i]} after ${list[i - 1]}`).to.equal(true);
}

describe('<erp-sync-history> edge cases', () => {
  it('the seeded history is long enough for these tests', () => {
    expect(allDays).to.have.length(45);
    expect(allDays[0].date).to.equal(TODAY);
  });

  it('keeps a 5,000-change day paged: at most one page of rows, and the shared pager', async function () {
    this.timeout(120_000);
    // A first import of 5,000 contracts: every one of them is a change of that day.
    await backend.mock.use('normal', { contracts: 5000, days: 2 });
    try {
      const [, first] = (await backend.client.history({ limit: 2 })).days;
      const { total } = await backend.client.historyDay(first.date, { limit: 1 });
      expect(total).to.be.greaterThan(4000);
      const el = await mount();
      await waitForDays(el);
      const big = day(el, first.date);
      expect(norm(big.querySelector('[data-kind="added"]')!.textContent)).to.equal(
        `${first.added.toLocaleString('fr-FR').replace(/\s/g, ' ')} ajouts`,
      );
      await openDay(el, big);
      expect(contracts(big)).to.have.length(50);
      const pager = big.querySelector<HTMLElement>('nav.pager')!;
      expect(norm(pager.querySelector('.range')!.textContent)).to.equal(`1–50 sur ${total.toLocaleString('fr-FR').replace(/\s/g, ' ')}`);
      expect(requests.to(`/history/${first.date}`).map((r) => r.url.searchParams.get('limit'))).to.deep.equal(['50']);
      button(pager, 'Page suivante').click();
      await waitUntil(() => norm(big.querySelector('nav.pager .range')?.textContent).startsWith('51–100'), 'page 2');
      await waitUntil(() => big.querySelector('.contracts[aria-busy="false"]'), 'page 2 drawn');
      expect(contracts(big)).to.have.length(50);
      expect(requests.all.at(-1)!.url.searchParams.get('offset')).to.equal('50');
      await expect(el).to.be.accessible();
    } finally {
      await backend.mock.use('normal');
    }
  });

  it('loads earlier days with before = nextBefore, until there are none', async () => {
    const el = await mount();
    await waitForDays(el);
    expect(listedDates(el)).to.deep.equal(dates(allDays.slice(0, 30)));
    const more = button(root(el), 'Charger les jours précédents');
    expect(more.getAttribute('part')).to.equal('load-older');
    more.click();
    await waitUntil(() => days(el).length === allDays.length, 'older days appended');
    expect(historyRequests().at(-1)!.url.searchParams.get('before')).to.equal(allDays[29].date);
    expect(listedDates(el)).to.deep.equal(dates(allDays));
    // No more button once the history's start is reached.
    expect(root(el).querySelector('[part="load-older"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('reaches a deep-linked day older than the first page, and opens it', async () => {
    const target = allDays[39].date;
    const el = await fixture<ErpSyncHistory>(html`<erp-sync-history .token=${backend.mock.token} date=${target}></erp-sync-history>`);
    await waitUntil(
      () => root(el).querySelector(`li.day[data-date="${target}"] .contracts, li.day[data-date="${target}"] .state`),
      'deep-linked day open',
    );
    expect(dayToggle(day(el, target)).getAttribute('aria-expanded')).to.equal('true');
    // Contiguous: every day from the newest down to the deep-linked one.
    expect(listedDates(el)).to.deep.equal(dates(allDays.slice(0, 40)));
    expect(historyRequests().some((r) => r.url.searchParams.get('from') === target)).to.equal(true);
  });

  it('says an expired session in words (401) once, and fires erp-sync-error', async () => {
    const el = document.createElement('erp-sync-history');
    const failed = oneEvent(el, 'erp-sync-error');
    el.token = await backend.mock.signToken({ ttlSeconds: -60 });
    await fixture(html`<div>${el}</div>`);
    const { detail } = await failed;
    expect(detail.error).to.be.instanceOf(ApiError);
    expect((detail.error as ApiError).status).to.equal(401);
    await waitForText(el, 'Session expirée');
    expect(root(el).querySelector('[part~="state-unauthorized"]')!.getAttribute('role')).to.equal('alert');
    // Said once: the chart does not repeat it, and there is no pointless retry button.
    expect(root(el).querySelectorAll('[part~="state-unauthorized"]')).to.have.length(1);
    expect(root(el).querySelector('button.retry')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('says a refused access in words (403)', async () => {
    const el = await mount(await backend.mock.signToken({ role: 'viewer' }));
    await waitForText(el, 'Accès refusé');
    await expect(el).to.be.accessible();
  });

  it('draws a server error with a retry that works', async () => {
    backend.mock.override(http.get(`${API}/history`, () => HttpResponse.json(serverError, { status: 500 })));
    const el = await mount();
    await waitForText(el, 'Le chargement a échoué.');
    await expect(el).to.be.accessible();
    backend.mock.resetOverrides();
    button(root(el), 'Réessayer').click();
    await waitForDays(el);
    expect(days(el)).to.have.length(30);
  });

  it('turns a malformed answer into words, not a crash', async () => {
    backend.mock.override(http.get(`${API}/history`, () => HttpResponse.json({ days: 'nope' } as unknown as historyDays)));
    const el = await mount();
    await waitForText(el, 'réponse inattendue');
    await expect(el).to.be.accessible();
  });

  it('fetches nothing before a token is given', async () => {
    const el = await fixture<ErpSyncHistory>(html`<erp-sync-history></erp-sync-history>`);
    await sleep(200);
    expect(requests.all).to.have.length(0);
    el.token = async () => backend.mock.token;
    await waitForDays(el);
    expect(requests.all.map((r) => r.url.pathname).sort()).to.deep.equal(['/api/erp-sync/history', '/api/erp-sync/history/trend']);
  });

  it('does not carry the old list on while a new range loads: no duplicate, no disorder', async () => {
    // The new range's first page (to = day 2, so before = day 1) waits for the test.
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    backend.mock.override(
      http.get(`${API}/history`, async ({ request }) => {
        if (new URL(request.url).searchParams.get('before') !== allDays[1].date) return undefined;
        held = true;
        await gate;
        return undefined;
      }),
    );
    const el = await mount();
    await waitForDays(el);
    expect(root(el).querySelector('[part="load-older"]')).to.not.equal(null);
    setDate(el, 'to', allDays[2].date);
    await waitUntil(() => held, 'new range asked for');
    await el.updateComplete;
    // While it loads, "load earlier days" cannot continue the old list.
    const more = root(el).querySelector<HTMLButtonElement>('[part="load-older"]');
    if (more) {
      expect(more.getAttribute('aria-disabled')).to.equal('true');
      more.click();
    }
    await sleep(300);
    release();
    await waitUntil(
      () => listedDates(el)[0] === allDays[2].date && root(el).querySelector('ol.days[aria-busy="false"]'),
      'new range listed',
    );
    await sleep(100);
    expect(listedDates(el)).to.deep.equal(dates(allDays.slice(2, 32)));
    expect(historyRequests().some((r) => r.url.searchParams.get('before') === allDays[29].date)).to.equal(false);
    // Then it carries on from the new list's own end.
    button(root(el), 'Charger les jours précédents').click();
    await waitUntil(() => days(el).length === allDays.length - 2, 'older days of the new range');
    expectStrictlyDescending(listedDates(el));
    expect(listedDates(el)).to.deep.equal(dates(allDays.slice(2)));
  });

  it('appends only days older than the last one shown, even from a faulty server', async () => {
    // A faulty server: pages asked for with `before` also repeat the two days before it.
    backend.mock.override(
      http.get(`${API}/history`, ({ request }) => {
        const url = new URL(request.url);
        const at = allDays.findIndex((d) => d.date === url.searchParams.get('before'));
        if (at < 2) return undefined;
        url.searchParams.set('before', allDays[at - 2].date);
        return backend.mock.forward(new Request(url, request));
      }),
    );
    const el = await mount();
    await waitForDays(el);
    button(root(el), 'Charger les jours précédents').click();
    await waitUntil(() => root(el).querySelector('[part="load-older"]') === null, 'no earlier day left');
    await el.updateComplete;
    expectStrictlyDescending(listedDates(el));
    expect(listedDates(el)).to.deep.equal(dates(allDays));
  });

  it('moves the focus to the first appended day when "load earlier days" removes its own button', async () => {
    const el = await mount();
    await waitForDays(el);
    const more = button(root(el), 'Charger les jours précédents');
    more.focus();
    more.click();
    await waitUntil(() => days(el).length === allDays.length, 'older days appended');
    await el.updateComplete;
    expect(root(el).querySelector('[part="load-older"]')).to.equal(null);
    expect(focusOf(el)).to.equal(`day-toggle ${allDays[30].date}`);
    await expect(el).to.be.accessible();
  });

  it('keeps the focus on a stable target after a retry: the heading for the list, then the first new day', async () => {
    backend.mock.override(http.get(`${API}/history`, () => HttpResponse.json(serverError, { status: 500 })));
    const el = await mount();
    await waitForText(el, 'Le chargement a échoué.');
    let olderFails = true;
    backend.mock.resetOverrides();
    backend.mock.override(
      http.get(`${API}/history`, ({ request }) =>
        olderFails && new URL(request.url).searchParams.get('before') === allDays[29].date
          ? HttpResponse.json(serverError, { status: 500 })
          : undefined,
      ),
    );
    const retry = button(root(el), 'Réessayer');
    retry.focus();
    retry.click();
    await waitForDays(el);
    await el.updateComplete;
    expect(focusOf(el), 'the list retried').to.equal('history-heading');

    // "Load earlier days" fails, then its retry works: the focus never falls to <body>.
    const more = button(root(el), 'Charger les jours précédents');
    more.focus();
    more.click();
    await waitUntil(() => root(el).querySelector('.older button.retry'), 'older days failed');
    olderFails = false;
    const retryOlder = root(el).querySelector<HTMLButtonElement>('.older button.retry')!;
    retryOlder.focus();
    retryOlder.click();
    await waitUntil(() => days(el).length === allDays.length, 'older days appended');
    await el.updateComplete;
    expect(focusOf(el)).to.equal(`day-toggle ${allDays[30].date}`);
  });

  it('announces results in one polite live region, once they have arrived', async () => {
    const changes = (list: readonly historyDay[]) => list.reduce((n, d) => n + changesOf(d), 0);
    const helene = (await backend.client.history({ q: 'helene', limit: 30 })).days;
    const busy = allDays.find((d) => changesOf(d) > 0)!;
    const el = await mount();
    await waitForDays(el);
    const region = announcer(el);
    expect(region.getAttribute('role')).to.equal('status');
    expect(region.getAttribute('aria-live')).to.equal('polite');
    // The first load of the page is not the user's doing: nothing said.
    expect(norm(region.textContent)).to.equal('');

    type(el, 'helene');
    await waitUntil(() => norm(region.textContent) !== '', 'search announced');
    const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;
    expect(norm(region.textContent)).to.equal(`${plural(helene.length, 'jour')}, ${plural(changes(helene), 'changement')} pour « helene »`);
    type(el, 'zzzz-personne');
    await waitUntil(() => norm(region.textContent) === 'Aucun changement ne correspond aux filtres.', 'no match announced');
    expect(root(el).querySelectorAll('[role="status"]'), 'one status region').to.have.length(1);
    type(el, '');
    await waitUntil(() => norm(region.textContent) === `30 jours, ${changes(allDays.slice(0, 30))} changements`, 'whole list announced');

    await openDay(el, day(el, busy.date));
    const said = `${plural(changesOf(busy), 'changement')} le ${longDay(busy.date, 'fr-FR')}`;
    await waitUntil(() => norm(region.textContent) === said, `day announced: ${said}`);
    // The same element all along: a live region added later is not reliably heard.
    expect(announcer(el) === region, 'same live region').to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('announces in English after switching lang', async () => {
    const busy = allDays.find((d) => changesOf(d) > 0)!;
    const el = await mount();
    el.lang = 'en';
    await waitForDays(el);
    await openDay(el, day(el, busy.date));
    const total = changesOf(busy);
    const said = `${total} change${total > 1 ? 's' : ''} on ${longDay(busy.date, 'en-GB')}`;
    await waitUntil(() => norm(announcer(el).textContent) === said, `day announced: ${said}`);
  });

  it('keeps the loaded days when the host gives a new token, and uses that token', async () => {
    const rotated = await backend.mock.signToken({ ttlSeconds: 7200 });
    const el = await mount();
    await waitForDays(el);
    button(root(el), 'Charger les jours précédents').click();
    await waitUntil(() => days(el).length === allDays.length, 'older days appended');
    await openDay(el, day(el, allDays[0].date));
    const asked = requests.all.length;

    // A React host passes a new inline function at each render; another rotates its string.
    el.token = async () => backend.mock.token;
    await el.updateComplete;
    el.token = rotated;
    await el.updateComplete;
    await sleep(200);
    expect(days(el), 'older days kept').to.have.length(allDays.length);
    expect(dayToggle(day(el, allDays[0].date)).getAttribute('aria-expanded'), 'opened day kept').to.equal('true');
    expect(requests.all.length, 'nothing fetched again').to.equal(asked);

    // The next request carries the new token.
    await openDay(el, day(el, allDays[1].date));
    expect(requests.all.at(-1)!.url.pathname).to.equal(`/api/erp-sync/history/${allDays[1].date}`);
    expect(requests.all.at(-1)!.authorization).to.equal(`Bearer ${rotated}`);
  });

  it('recovers from a 401 when the host gives a new token', async () => {
    const el = await mount('revoked-token');
    await waitForText(el, 'Session expirée');
    el.token = backend.mock.token;
    await waitForDays(el);
    expect(days(el)).to.have.length(30);
  });

  it('does not move the focus when the host sets `contract`; the user’s own click does', async () => {
    const busy = allDays.find((d) => changesOf(d) > 0)!;
    const code = (await backend.client.historyDay(busy.date, { limit: 1 })).changes[0].codeContrat;
    const wrap = await fixture<HTMLDivElement>(html`<div>
      <button type="button" id="host-button">Hôte</button>
      <erp-sync-history .token=${backend.mock.token}></erp-sync-history>
    </div>`);
    const el = wrap.querySelector('erp-sync-history')!;
    const hostButton = wrap.querySelector<HTMLButtonElement>('#host-button')!;
    await waitForDays(el);

    hostButton.focus();
    el.contract = code;
    await waitUntil(() => root(el).querySelector('[part="timeline"]'), 'timeline');
    await el.updateComplete;
    expect(document.activeElement?.id, 'timeline opened from code').to.equal(hostButton.id);
    el.contract = '';
    await waitForDays(el);
    await el.updateComplete;
    expect(document.activeElement?.id, 'timeline closed from code').to.equal(hostButton.id);

    // From a click inside the element, the new view's heading takes the focus.
    const target = day(el, busy.date);
    await openDay(el, target);
    const details = await openContract(el, contracts(target).find((c) => c.dataset.code === code)!);
    button(details, 'Tout l’historique de ce contrat').click();
    await waitUntil(() => root(el).querySelector('[part="timeline"]'), 'timeline');
    await el.updateComplete;
    expect(focusOf(el)).to.equal('history-heading');
    expect(norm(root(el).activeElement?.textContent)).to.include(`(${code})`);
  });
});
