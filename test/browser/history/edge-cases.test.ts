/**
 * <erp-sync-history> against a stand-in API (fake-history.ts) for what the seeded mock cannot
 * stage: a 5,000-change day, a hostile learner on a known day, 401/403/500, a malformed body.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../../widget/history/erp-sync-history.ts';
import type { ErpSyncHistory } from '../../../widget/history/erp-sync-history.component.ts';
import { ApiError } from '../../../widget/shared/api-client.ts';
import { NEWEST, TOKEN, useFakeHistory, type FakeOptions } from './fake-history.ts';
import { button, contracts, day, days, norm, openContract, openDay, root, waitForDays, waitForText, waitUntil } from './helpers.ts';

async function mount(options: FakeOptions = {}) {
  const api = await useFakeHistory(options);
  const el = await fixture<ErpSyncHistory>(html`<erp-sync-history .token=${TOKEN}></erp-sync-history>`);
  return { el, api };
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
});
