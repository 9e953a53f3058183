/**
 * <erp-sync-history> against a stand-in API (fake-history.ts) for what the seeded mock cannot
 * stage: a 5,000-change day, a hostile learner on a known day, 401/403/500, a malformed body,
 * a slow first page, a faulty older page, a rotated token, contract dates.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../../widget/history/erp-sync-history.ts';
import type { ErpSyncHistory } from '../../../widget/history/erp-sync-history.component.ts';
import { ApiError } from '../../../widget/shared/api-client.ts';
import { BASE, dayOf, http, HttpResponse, NEWEST, TOKEN, TOKEN_2, useFakeHistory, type FakeOptions } from './fake-history.ts';
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

async function mount(options: FakeOptions = {}) {
  const api = await useFakeHistory(options);
  const el = await fixture<ErpSyncHistory>(html`<erp-sync-history .token=${TOKEN}></erp-sync-history>`);
  return { el, api };
}

function listedDates(el: ErpSyncHistory): string[] {
  return days(el).map((d) => d.dataset.date!);
}

/** Newest first, each date once: what `repeat` keyed by date needs, and what a reader expects. */
function expectStrictlyDescending(dates: readonly string[]): void {
  expect(dates.length).to.be.greaterThan(0);
  for (let i = 1; i < dates.length; i++) expect(dates[i] < dates[i - 1], `${dates[i]} after ${dates[i - 1]}`).to.equal(true);
}

/** The days fakeHistory() has from index `from` to `to` included, newest first. */
function fakeDays(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => dayOf(from + i));
}

function announcer(el: ErpSyncHistory): HTMLElement {
  const region = root(el).querySelector<HTMLElement>('[data-announcer]');
  if (!region) throw new Error('no live region');
  return region;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Where the focus is, in words ("day-toggle 2026-02-10", "history-heading", "body"): readable failures. */
function focusOf(el: ErpSyncHistory): string {
  const active = root(el).activeElement;
  if (!active)
    return document.activeElement === el
      ? 'the host, nothing inside'
      : document.activeElement?.id || document.activeElement?.tagName.toLowerCase() || 'none';
  if (active.id) return active.id;
  const dayDate = active.closest('li.day')?.getAttribute('data-date');
  return `${active.getAttribute('part') ?? active.tagName.toLowerCase()}${dayDate ? ` ${dayDate}` : ''}`;
}

describe('<erp-sync-history> edge cases', () => {
  it('keeps a 5,000-change day paged: at most one page of rows, and the shared pager', async () => {
    const { el, api } = await mount({ bigDay: 5000 });
    await waitForDays(el);
    const big = day(el, NEWEST);
    expect(norm(big.querySelector('[part="badges"]')!.textContent)).to.include('1 000 ajouts');
    await openDay(el, big);
    // 50 changes, one contract each: never more rows than the page size.
    expect(contracts(big).length).to.equal(50);
    const pager = big.querySelector<HTMLElement>('nav.pager')!;
    expect(norm(pager.querySelector('.range')!.textContent)).to.equal('1–50 sur 5 000');
    const dayRequests = api.requests.filter((u) => u.pathname.endsWith(`/history/${NEWEST}`));
    expect(dayRequests.map((u) => u.searchParams.get('limit'))).to.deep.equal(['50']);
    button(pager, 'Page suivante').click();
    await waitUntil(() => norm(big.querySelector('nav.pager .range')?.textContent).startsWith('51–100'), 'page 2');
    await waitUntil(() => big.querySelector('.contracts[aria-busy="false"]'), 'page 2 drawn');
    expect(contracts(big).length).to.equal(50);
    expect(api.requests.at(-1)!.searchParams.get('offset')).to.equal('50');
    await expect(el).to.be.accessible();
  });

  it('loads earlier days with before = nextBefore, until there are none', async () => {
    const { el, api } = await mount();
    await waitForDays(el);
    expect(days(el)).to.have.length(30);
    const oldest = days(el).at(-1)!.dataset.date!;
    const more = button(root(el), 'Charger les jours précédents');
    expect(more.getAttribute('part')).to.equal('load-older');
    more.click();
    await waitUntil(() => days(el).length === 45, 'older days appended');
    const request = api.requests.filter((u) => u.pathname.endsWith('/history')).at(-1)!;
    expect(request.searchParams.get('before')).to.equal(oldest);
    // Newest first all along, and no more button once the history's start is reached.
    const dates = days(el).map((d) => d.dataset.date!);
    expect([...dates].sort().reverse()).to.deep.equal(dates);
    expect(root(el).querySelector('[part="load-older"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('reaches a deep-linked day older than the first page, and opens it', async () => {
    const api = await useFakeHistory();
    const el = await fixture<ErpSyncHistory>(html`<erp-sync-history .token=${TOKEN} date="2026-02-01"></erp-sync-history>`);
    await waitUntil(() => root(el).querySelector('li.day[data-date="2026-02-01"] .contracts'), 'deep-linked day open');
    const target = day(el, '2026-02-01');
    expect(target.querySelector('button.day-toggle')!.getAttribute('aria-expanded')).to.equal('true');
    // Contiguous: every day from the newest down to the deep-linked one.
    expect(days(el).length).to.equal(40);
    expect(api.requests.some((u) => u.pathname.endsWith('/history') && u.searchParams.get('from') === '2026-02-01')).to.equal(true);
  });

  it('renders a hostile learner name as text', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const { el } = await mount({ learner: hostile });
    await waitForDays(el);
    const newest = day(el, NEWEST);
    await openDay(el, newest);
    const first = contracts(newest)[0];
    expect(norm(first.querySelector('.learner')!.textContent)).to.equal(hostile);
    await openContract(el, first);
    expect(root(el).querySelector('img')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('draws the empty history: "Aucun import pour l’instant"', async () => {
    const { el } = await mount({ scenario: 'empty' });
    await waitForText(el, 'Aucun import pour l’instant');
    expect(days(el)).to.have.length(0);
    expect(root(el).querySelector('[part="trend"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('says an expired session in words (401) and fires erp-sync-error', async () => {
    await useFakeHistory({ scenario: 'expired-token' });
    const el = document.createElement('erp-sync-history');
    const failed = oneEvent(el, 'erp-sync-error');
    el.token = TOKEN;
    await fixture<ErpSyncHistory>(html`<div>${el}</div>`);
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
    const { el } = await mount({ scenario: 'forbidden' });
    await waitForText(el, 'Accès refusé');
    await expect(el).to.be.accessible();
  });

  it('draws a server error with a retry that works', async () => {
    const { el } = await mount({ scenario: 'server-error' });
    await waitForText(el, 'Le chargement a échoué.');
    await expect(el).to.be.accessible();
    await useFakeHistory();
    button(root(el), 'Réessayer').click();
    await waitForDays(el);
    expect(days(el)).to.have.length(30);
  });

  it('turns a malformed response into words, not a crash', async () => {
    const { el } = await mount({ scenario: 'malformed' });
    await waitForText(el, 'réponse inattendue');
    await expect(el).to.be.accessible();
  });

  it('fetches nothing before a token is given', async () => {
    const api = await useFakeHistory();
    const el = await fixture<ErpSyncHistory>(html`<erp-sync-history></erp-sync-history>`);
    await new Promise((r) => setTimeout(r, 200));
    expect(api.requests).to.have.length(0);
    el.token = async () => TOKEN;
    await waitForDays(el);
    expect(api.requests.map((u) => u.pathname).sort()).to.deep.equal(['/api/erp-sync/history', '/api/erp-sync/history/trend']);
  });

  it('does not carry the old list on while a new range loads: no duplicate, no disorder', async () => {
    // The new range's first page (to = dayOf(2), so before = dayOf(1)) waits for the test.
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    const api = await useFakeHistory(
      {},
      http.get(`${BASE}/history`, async ({ request }) => {
        if (new URL(request.url).searchParams.get('before') !== dayOf(1)) return;
        held = true;
        await gate;
        // Nothing returned: the fake's own handler answers.
      }),
    );
    const el = await fixture<ErpSyncHistory>(html`<erp-sync-history .token=${TOKEN}></erp-sync-history>`);
    await waitForDays(el);
    expect(root(el).querySelector('[part="load-older"]')).to.not.equal(null);
    setDate(el, 'to', dayOf(2));
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
    await waitUntil(() => listedDates(el)[0] === dayOf(2) && root(el).querySelector('ol.days[aria-busy="false"]'), 'new range listed');
    await sleep(100);
    expect(listedDates(el)).to.deep.equal(fakeDays(2, 31));
    expect(api.requests.some((u) => u.searchParams.get('before') === dayOf(29))).to.equal(false);
    // Then it carries on from the new list's own end.
    button(root(el), 'Charger les jours précédents').click();
    await waitUntil(() => days(el).length === 43, 'older days of the new range');
    expectStrictlyDescending(listedDates(el));
    expect(listedDates(el)).to.deep.equal(fakeDays(2, 44));
  });

  it('appends only days older than the last one shown, even from a faulty server', async () => {
    const { el } = await mount({ overlap: 2 });
    await waitForDays(el);
    button(root(el), 'Charger les jours précédents').click();
    await waitUntil(() => root(el).querySelector('[part="load-older"]') === null, 'no earlier day left');
    await el.updateComplete;
    expectStrictlyDescending(listedDates(el));
    expect(listedDates(el)).to.deep.equal(fakeDays(0, 44));
  });

  it('moves the focus to the first appended day when "load earlier days" removes its own button', async () => {
    const { el } = await mount();
    await waitForDays(el);
    const more = button(root(el), 'Charger les jours précédents');
    more.focus();
    more.click();
    await waitUntil(() => days(el).length === 45, 'older days appended');
    await el.updateComplete;
    expect(root(el).querySelector('[part="load-older"]')).to.equal(null);
    expect(focusOf(el)).to.equal(`day-toggle ${dayOf(30)}`);
    await expect(el).to.be.accessible();
  });

  it('keeps the focus on a stable target after a retry: the heading for the list, then the first new day', async () => {
    const { el } = await mount({ scenario: 'server-error' });
    await waitForText(el, 'Le chargement a échoué.');
    let olderFails = true;
    await useFakeHistory(
      {},
      http.get(`${BASE}/history`, ({ request }) => {
        if (olderFails && new URL(request.url).searchParams.get('before') === dayOf(29)) {
          return HttpResponse.json({ error: { code: 'INTERNAL', message: 'Boom' } }, { status: 500 });
        }
      }),
    );
    const retry = button(root(el), 'Réessayer');
    retry.focus();
    retry.click();
    await waitForDays(el);
    await el.updateComplete;
    expect(focusOf(el), 'the list retried').to.equal('history-heading');

    // "Load earlier days" fails, then its retry works: focus never falls to <body>.
    const more = button(root(el), 'Charger les jours précédents');
    more.focus();
    more.click();
    await waitUntil(() => root(el).querySelector('.older button.retry'), 'older days failed');
    olderFails = false;
    const retryOlder = root(el).querySelector<HTMLButtonElement>('.older button.retry')!;
    retryOlder.focus();
    retryOlder.click();
    await waitUntil(() => days(el).length === 45, 'older days appended');
    await el.updateComplete;
    expect(focusOf(el)).to.equal(`day-toggle ${dayOf(30)}`);
  });

  it('announces results in one polite live region, once they have arrived', async () => {
    const { el } = await mount();
    await waitForDays(el);
    const region = announcer(el);
    expect(region.getAttribute('role')).to.equal('status');
    expect(region.getAttribute('aria-live')).to.equal('polite');
    // The first load of the page is not the user's doing: nothing said.
    expect(norm(region.textContent)).to.equal('');

    // Hélène Dupont has one change a day (45 days): 30 on the first page.
    type(el, 'helene');
    await waitUntil(() => norm(region.textContent) !== '', 'search announced');
    expect(norm(region.textContent)).to.equal('30 jours, 30 changements pour « helene »');
    type(el, 'zzzz-personne');
    await waitUntil(() => norm(region.textContent) === 'Aucun changement ne correspond aux filtres.', 'no match announced');
    expect(root(el).querySelectorAll('[role="status"]'), 'one status region').to.have.length(1);
    type(el, '');
    await waitUntil(() => norm(region.textContent) === '30 jours, 150 changements', 'whole list announced');

    await openDay(el, day(el, NEWEST));
    await waitUntil(() => norm(region.textContent) === '5 changements le jeudi 12 mars 2026', 'day announced');
    // The same element all along: a live region added later is not reliably heard.
    expect(announcer(el) === region, 'same live region').to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('announces in English after switching lang', async () => {
    const { el } = await mount();
    el.lang = 'en';
    await waitForDays(el);
    await openDay(el, day(el, NEWEST));
    await waitUntil(() => norm(announcer(el).textContent) === '5 changes on Thursday, 12 March 2026', 'day announced');
  });

  it('keeps the loaded days when the host gives a new token, and uses that token', async () => {
    const { el, api } = await mount();
    await waitForDays(el);
    button(root(el), 'Charger les jours précédents').click();
    await waitUntil(() => days(el).length === 45, 'older days appended');
    await openDay(el, day(el, NEWEST));
    const asked = api.requests.length;

    // A React host passes a new inline function at each render; another rotates its string.
    el.token = async () => TOKEN;
    await el.updateComplete;
    el.token = TOKEN_2;
    await el.updateComplete;
    await sleep(200);
    expect(days(el), 'older days kept').to.have.length(45);
    expect(dayToggle(day(el, NEWEST)).getAttribute('aria-expanded'), 'opened day kept').to.equal('true');
    expect(api.requests.slice(asked), 'nothing fetched again').to.deep.equal([]);

    // The next request carries the new token.
    await openDay(el, day(el, dayOf(1)));
    expect(api.requests.at(-1)!.pathname).to.equal(`${BASE}/history/${dayOf(1)}`);
    expect(api.authorizations.at(-1)).to.equal(`Bearer ${TOKEN_2}`);
  });

  it('recovers from a 401 when the host gives a new token', async () => {
    await useFakeHistory();
    const el = await fixture<ErpSyncHistory>(html`<erp-sync-history .token=${'revoked-token'}></erp-sync-history>`);
    await waitForText(el, 'Session expirée');
    el.token = TOKEN;
    await waitForDays(el);
    expect(days(el)).to.have.length(30);
  });

  it('does not move the focus when the host sets `contract`; the user’s own click does', async () => {
    await useFakeHistory();
    const wrap = await fixture<HTMLDivElement>(html`<div>
      <button type="button" id="host-button">Hôte</button>
      <erp-sync-history .token=${TOKEN}></erp-sync-history>
    </div>`);
    const el = wrap.querySelector('erp-sync-history')!;
    const hostButton = wrap.querySelector<HTMLButtonElement>('#host-button')!;
    await waitForDays(el);
    const code = `C${NEWEST.replaceAll('-', '')}00001`;

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
    const target = day(el, NEWEST);
    await openDay(el, target);
    const details = await openContract(el, contracts(target).find((c) => c.dataset.code === code)!);
    button(details, 'Tout l’historique de ce contrat').click();
    await waitUntil(() => root(el).querySelector('[part="timeline"]'), 'timeline');
    await el.updateComplete;
    expect(focusOf(el)).to.equal('history-heading');
    expect(norm(root(el).activeElement?.textContent)).to.include(`(${code})`);
  });

  it('shows contract dates as dd/mm/yyyy, like the Données tab', async () => {
    const { el } = await mount();
    await waitForDays(el);
    const newest = day(el, NEWEST);
    await openDay(el, newest);
    const byKind = (kind: string) => contracts(newest).find((c) => c.querySelector(`[part="kind"][data-kind="${kind}"]`))!;

    const updated = await openContract(el, byKind('updated'));
    const line = updated.querySelector('table.diff tr[data-field="dateFin"]')!;
    expect(norm(line.querySelector('th')!.textContent)).to.equal('Fin du contrat');
    expect(norm(line.querySelector('del')!.textContent)).to.equal('30/06/2026');
    expect(norm(line.querySelector('ins')!.textContent)).to.equal('31/08/2026');
    // Other fields are untouched.
    expect(norm(updated.querySelector('tr[data-field="emailMaitreApprentissage"] ins')!.textContent)).to.equal('new@example.fr');

    const added = await openContract(el, byKind('added'));
    expect(norm(added.querySelector('dl.fields')!.textContent)).to.include('01/09/2025');
    const archived = await openContract(el, byKind('archived'));
    expect(norm(archived.querySelector('dl.fields')!.textContent)).to.include('30/06/2026');
    expect(norm(root(el).textContent)).to.not.match(/\d{4}-\d{2}-\d{2}/);
    await expect(el).to.be.accessible();
  });
});
