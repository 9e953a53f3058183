/**
 * <erp-sync-data> against the shared mock: the REAL server app over an in-memory store seeded
 * through the real runner, inside MSW. These check outcomes on real data for every scenario;
 * cases the real app cannot stage on demand (a slow first response only, a malformed body, a
 * hostile learner name) are in erp-sync-data.test.ts with the small fake.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { startMockApi } from '../../../mock-api/browser.ts';
import '../../../widget/data/erp-sync-data.ts';
import type { ErpSyncData } from '../../../widget/data/erp-sync-data.component.ts';
import { button, learners, norm, root, rows, section, type, waitForRows, waitForText, waitUntil } from './helpers.ts';

type Mock = Awaited<ReturnType<typeof startMockApi>>;
type Scenario = Parameters<Mock['use']>[0];

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** The admin API's list requests this page made, read from Resource Timing (no request mocking). */
function listRequests(): URL[] {
  return performance
    .getEntriesByType('resource')
    .map((e) => new URL(e.name))
    .filter((u) => u.pathname.endsWith('/api/erp-sync/contracts'));
}

describe('<erp-sync-data> on the mock API (real server app)', function () {
  // Seeding 20,000 contracts through the real runner takes a moment on two cores.
  this.timeout(120_000);
  let mock: Mock;

  before(async () => {
    performance.setResourceTimingBufferSize(5000);
    mock = await startMockApi({ scenario: 'normal' });
  });

  after(async () => {
    await mock?.stop();
  });

  async function mount(scenario: Scenario, attrs: { lang?: string; pageSize?: number } = {}): Promise<ErpSyncData> {
    await mock.use(scenario);
    performance.clearResourceTimings();
    return fixture<ErpSyncData>(html`<erp-sync-data
      .token=${mock.token}
      lang=${attrs.lang ?? 'fr'}
      page-size=${attrs.pageSize ?? 50}
    ></erp-sync-data>`);
  }

  it('normal: status header, both tables, accessible', async () => {
    const el = await mount('normal');
    await waitForRows(el, 'integrated');
    await waitForRows(el, 'rejected');
    const status = norm(root(el).querySelector('[part="status"]')!.textContent);
    expect(status).to.match(/Dernière synchronisation le \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}/);
    expect(status).to.include('Réussie');
    expect(norm(section(el, 'integrated').querySelector('h2')!.textContent)).to.match(/^Contrats intégrés \(\d[\d ]*\)$/);
    expect(norm(section(el, 'rejected').querySelector('h2')!.textContent)).to.match(/^Contrats non intégrés \(\d[\d ]*\)$/);
    expect(rows(el, 'integrated').length).to.be.within(1, 50);
    // Every non-integrated row names what to fix in the ERP.
    for (const row of rows(el, 'rejected')) expect(row.querySelectorAll('ul.reasons li').length).to.be.greaterThan(0);
    expect(norm(section(el, 'rejected').textContent)).to.include('dans l’ERP');
    await expect(el).to.be.accessible();
  });

  it("normal: 'helene' finds 'Hélène' (server-side, accent-insensitive)", async () => {
    const el = await mount('normal');
    await waitForRows(el, 'integrated');
    type(el, 'helene');
    await waitUntil(
      () =>
        learners(el, 'integrated').length > 0 &&
        rows(el, 'integrated').every((r) => fold(r.textContent ?? '').includes('helene')) &&
        section(el, 'integrated').querySelector('table[aria-busy="false"]'),
      'rows matching helene',
      { timeout: 10_000 },
    );
    expect(learners(el, 'integrated').some((n) => n.includes('Hélène'))).to.equal(true);
    expect(listRequests().some((u) => u.searchParams.get('q') === 'helene')).to.equal(true);
  });

  it('normal: a superseded (slow) search never overwrites the newer result', async () => {
    const el = await mount('normal');
    await waitForRows(el, 'integrated');
    // Slow down only the first search's responses, on their way back from the real app.
    const realFetch = window.fetch;
    window.fetch = async (input, init) => {
      const response = await realFetch(input, init);
      if (new URL(String(input), location.href).searchParams.get('q') === 'a') {
        await new Promise((r) => setTimeout(r, 1500));
      }
      return response;
    };
    const errors: Event[] = [];
    el.addEventListener('erp-sync-error', (e) => errors.push(e));
    try {
      type(el, 'a');
      await waitUntil(() => listRequests().some((u) => u.searchParams.get('q') === 'a'));
      type(el, 'helene');
      const onlyHelene = () =>
        learners(el, 'integrated').length > 0 &&
        rows(el, 'integrated').every((r) => fold(r.textContent ?? '').includes('helene')) &&
        section(el, 'integrated').querySelector('table[aria-busy="false"]') !== null;
      await waitUntil(onlyHelene, 'helene results', { timeout: 10_000 });
      await new Promise((r) => setTimeout(r, 1800));
      expect(onlyHelene()).to.equal(true);
      expect(errors).to.have.length(0);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('normal: opening a row shows every field and fires erp-sync-contract-select', async () => {
    const el = await mount('normal');
    await waitForRows(el, 'integrated');
    const toggle = rows(el, 'integrated')[0].querySelector<HTMLButtonElement>('button.disclosure')!;
    const selected = oneEvent(el, 'erp-sync-contract-select');
    toggle.click();
    const { detail } = await selected;
    expect(detail.code).to.be.a('string').and.not.equal('');
    await el.updateComplete;
    const region = root(el).getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(region.querySelectorAll('dt')).to.have.length(34);
    expect(norm(region.textContent)).to.include(detail.code);
    await expect(el).to.be.accessible();
  });

  it('normal: reason chips filter with the server counts', async () => {
    const el = await mount('normal');
    await waitForRows(el, 'rejected');
    const chip = section(el, 'rejected').querySelector<HTMLButtonElement>('[part="chips"] button')!;
    const count = norm(chip.textContent).split(' · ')[1];
    chip.click();
    await waitUntil(() => norm(section(el, 'rejected').querySelector('h2')!.textContent) === `Contrats non intégrés (${count})`);
    expect(section(el, 'rejected').querySelector('[part="chips"] button[aria-pressed="true"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('normal: exports the non-integrated list as CSV', async () => {
    const el = await mount('normal');
    await waitForRows(el, 'rejected');
    el.addEventListener('erp-sync-export', (e) => e.preventDefault(), { once: true });
    const exported = oneEvent(el, 'erp-sync-export');
    button(section(el, 'rejected'), 'Exporter en CSV').click();
    const { detail } = await exported;
    expect(detail.filename).to.match(/\.csv$/);
    const lines = (await detail.blob.text()).split(/\r?\n/).filter(Boolean);
    expect(lines.length).to.be.greaterThan(1);
  });

  it('normal: switching lang re-renders in English', async () => {
    const el = await mount('normal');
    await waitForRows(el, 'rejected');
    el.lang = 'en';
    await el.updateComplete;
    const text = norm(root(el).textContent);
    expect(text).to.match(/Last synchronised on \d{2}\/\d{2}\/\d{4} at \d{2}:\d{2}/);
    expect(text).to.match(/Integrated contracts \(\d[\d,]*\)/);
    expect(text).to.include('in the ERP');
    expect(text).to.not.include('Contrats intégrés');
    await expect(el).to.be.accessible();
  });

  it('large: shows page 1 and pages, never fetching everything', async () => {
    const el = await mount('large');
    await waitForRows(el, 'integrated', 'first page of the large CFA');
    expect(rows(el, 'integrated').length).to.equal(50);
    const pager = () => norm(section(el, 'integrated').querySelector('nav[part="pager"]')!.textContent);
    expect(pager()).to.match(/^1–50 sur \d{1,2} \d{3} /);
    button(section(el, 'integrated').querySelector('nav')!, 'Page suivante').click();
    await waitUntil(() => pager().startsWith('51–100 sur '), 'page 2', { timeout: 10_000 });
    await waitForRows(el, 'integrated');
    expect(rows(el, 'integrated').length).to.equal(50);
    const lists = listRequests();
    expect(lists.length).to.be.greaterThan(0);
    expect(lists.every((u) => Number(u.searchParams.get('limit')) === 50)).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('never-synced: says so', async () => {
    const el = await mount('never-synced');
    await waitForText(el, 'Aucune synchronisation pour l’instant');
    await expect(el).to.be.accessible();
  });

  it('failed: says why the run failed', async () => {
    const el = await mount('failed');
    await waitUntil(() => root(el).querySelector('[part="run-error"]'), 'run error', { timeout: 10_000 });
    expect(norm(root(el).querySelector('[part="run-error"]')!.textContent)).to.match(/^La synchronisation a échoué : .+/);
    await expect(el).to.be.accessible();
  });

  it('held: says how many contracts it would archive; Approuver applies it', async () => {
    const el = await mount('held');
    await waitUntil(() => root(el).querySelector('[part="run-held"]'), 'held notice', { timeout: 10_000 });
    expect(norm(root(el).querySelector('[part="run-held"]')!.textContent)).to.match(
      /elle archiverait \d[\d ]* contrats sur \d[\d ]* intégrés/,
    );
    await expect(el).to.be.accessible();
    const approved = oneEvent(el, 'erp-sync-run-approved');
    button(root(el).querySelector('[part="run-held"]')!, 'Approuver').click();
    await approved;
    await waitUntil(() => !root(el).querySelector('[part="run-held"]'), 'held notice gone', { timeout: 10_000 });
  });

  it('server-error: error state with retry, and erp-sync-error', async () => {
    await mock.use('server-error');
    const el = document.createElement('erp-sync-data');
    el.token = mock.token;
    const failed = oneEvent(el, 'erp-sync-error');
    await fixture(html`<div>${el}</div>`);
    expect((await failed).detail.error).to.include({ status: 500 });
    await waitUntil(() => root(el).querySelector('[part~="state-error"]'));
    expect(button(root(el), 'Réessayer')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('expired-token: says in words that the session expired', async () => {
    const el = await mount('expired-token');
    await waitUntil(() => root(el).querySelector('[part~="state-unauthorized"]'));
    expect(norm(root(el).textContent)).to.include('Session expirée');
    await expect(el).to.be.accessible();
  });

  it('slow: draws the loading state first, then the data', async () => {
    const el = await mount('slow');
    expect(root(el).querySelector('[part~="state-loading"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
    await waitForRows(el, 'integrated', 'slow rows');
  });
});
