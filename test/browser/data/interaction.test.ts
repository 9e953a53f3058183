/**
 * <erp-sync-data> as a keyboard and screen-reader user meets it, on the real server app in MSW:
 * where the focus goes after each action, what the live region says, a run followed to its end,
 * tokens given and rotated by the host, the export's download, API errors in the UI's language.
 */
import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../../widget/data/erp-sync-data.ts';
import type { ErpSyncData } from '../../../widget/data/erp-sync-data.component.ts';
import { API, delay, http, useMockApi } from '../support/mock.ts';
import { useRequestLog } from '../support/requests.ts';
import { button, norm, root, rows, section, type, waitForRows, waitForText, waitUntil } from './helpers.ts';

const backend = useMockApi();
const requests = useRequestLog();
afterEach(() => {
  backend.mock.backend.runtime.control.applyDelayMs = 0;
});

async function mount(attrs: { pageSize?: number; lang?: string } = {}): Promise<ErpSyncData> {
  return fixture<ErpSyncData>(html`<erp-sync-data
    .token=${backend.mock.token}
    page-size=${attrs.pageSize ?? 50}
    lang=${attrs.lang ?? 'fr'}
  ></erp-sync-data>`);
}

const active = (el: ErpSyncData) => root(el).activeElement as HTMLElement | null;
const announcer = (el: ErpSyncData) => root(el).querySelector('[part="announcer"]')!;
const heading = (el: ErpSyncData, table: 'integrated' | 'rejected') => norm(section(el, table).querySelector('h2')?.textContent);

describe('<erp-sync-data> focus and announcements', () => {
  it('keeps a pressed reason chip after a search leaves it no match, and the empty state can remove it', async () => {
    const { reasonCounts } = await backend.client.contracts({ status: 'rejected', limit: 1 });
    const reason = reasonCounts[0].code;
    // A non-integrated contract without that reason, searched by its code.
    const other = (await backend.client.contracts({ status: 'rejected', limit: 500 })).items.find(
      (i) => i.data.codeContrat !== '' && !i.reasons.some((r) => r.code === reason),
    )!;
    const code = other.data.codeContrat;
    expect((await backend.client.contracts({ status: 'rejected', q: code, reason, limit: 1 })).total).to.equal(0);
    const matching = await backend.client.contracts({ status: 'rejected', q: code, limit: 50 });
    const el = await mount();
    await waitForRows(el, 'rejected');
    const chip = () => section(el, 'rejected').querySelector<HTMLButtonElement>(`[data-reason="${reason}"]`);
    const label = norm(chip()!.textContent).split(' · ')[0];
    chip()!.click();
    await waitUntil(() => chip()?.getAttribute('aria-pressed') === 'true');
    type(el, code);
    await waitUntil(() => section(el, 'rejected').querySelector('[part~="state-empty"]'), 'the empty state');
    expect(chip(), 'the pressed chip is still drawn').to.not.equal(null);
    expect(chip()!.getAttribute('aria-pressed')).to.equal('true');
    expect(norm(chip()!.textContent)).to.equal(`${label} · 0`);
    const empty = section(el, 'rejected').querySelector('[part~="state-empty"]')!;
    expect(norm(empty.textContent)).to.include(`Aucun contrat ne correspond à « ${code} » avec le motif « ${label} ».`);
    await expect(el).to.be.accessible();
    const clear = button(empty, `Retirer le filtre « ${label} »`);
    clear.focus();
    clear.click();
    await waitUntil(() => heading(el, 'rejected') === `Contrats non intégrés (${matching.total})`);
    await waitForRows(el, 'rejected');
    expect(requests.to('/contracts').at(-1)!.url.searchParams.has('reason')).to.equal(false);
    expect(active(el)?.id).to.equal('rejected-heading');
    const count = `${matching.total} non intégré${matching.total > 1 ? 's' : ''}`;
    await waitUntil(() => norm(announcer(el).textContent) === count, `announced "${count}"`);
  });

  it('follows a started run to its end: focus kept on its button, the tables refreshed, the outcome said', async () => {
    // A slow database: the run stays running for a few polls.
    backend.mock.backend.runtime.control.applyDelayMs = 3000;
    const el = await mount();
    await waitForRows(el, 'integrated');
    const start = button(root(el), 'Lancer une synchronisation');
    start.focus();
    const started = oneEvent(el, 'erp-sync-run-started');
    start.click();
    const { runId } = (await started).detail;
    await waitForText(el, 'En cours');
    const running = root(el).querySelector<HTMLButtonElement>('button.start-run')!;
    expect(norm(running.textContent)).to.equal('Synchronisation en cours…');
    expect(running.getAttribute('aria-disabled')).to.equal('true');
    expect(active(el)).to.equal(running);
    running.click(); // ignored while running
    const summariesAtStart = requests.to('/summary').length;
    const listsAtStart = requests.to('/contracts').length;
    await waitUntil(() => norm(root(el).querySelector('[data-meta="status"]')?.textContent) === 'Réussie', 'the run finished', {
      timeout: 20_000,
    });
    expect(requests.to('/runs').filter((r) => r.method === 'POST')).to.have.length(1);
    // Polled while it ran, then everything fetched again.
    expect(requests.to('/summary').length).to.be.greaterThan(summariesAtStart + 1);
    await waitUntil(() => requests.to('/contracts').length >= listsAtStart + 2, 'tables refreshed');
    expect(norm(announcer(el).textContent)).to.equal('La synchronisation est terminée.');
    expect(running.getAttribute('aria-disabled')).to.equal('false');
    expect(active(el)).to.equal(running);
    expect((await backend.client.summary()).lastRun?.id).to.equal(runId);
    await expect(el).to.be.accessible();
  });

  it('stops polling once removed from the page', async () => {
    backend.mock.backend.runtime.control.applyDelayMs = 6000;
    const el = await mount();
    await waitForRows(el, 'integrated');
    button(root(el), 'Lancer une synchronisation').click();
    await waitForText(el, 'En cours');
    el.remove();
    const count = requests.to('/summary').length;
    await aTimeout(2500);
    expect(requests.to('/summary').length).to.equal(count);
    // Let the run end before the next test.
    await waitUntil(async () => (await backend.client.summary()).lastRun?.status !== 'running', 'the run ended', { timeout: 15_000 });
  });

  it('Exporter stays focused and aria-disabled during the download (a second click is ignored)', async () => {
    backend.mock.override(
      http.get(`${API}/contracts.csv`, async () => {
        await delay(400);
        return undefined;
      }),
    );
    const el = await mount();
    await waitForRows(el, 'rejected');
    el.addEventListener('erp-sync-export', (e) => e.preventDefault());
    const exportButton = root(el).querySelector<HTMLButtonElement>('button.export')!;
    exportButton.focus();
    const exported = oneEvent(el, 'erp-sync-export');
    exportButton.click();
    await el.updateComplete;
    expect(exportButton.getAttribute('aria-disabled')).to.equal('true');
    expect(norm(exportButton.textContent)).to.equal('Export en cours…');
    expect(exportButton.disabled).to.equal(false);
    expect(active(el)).to.equal(exportButton);
    exportButton.click();
    await exported;
    await waitUntil(() => exportButton.getAttribute('aria-disabled') === 'false', 'Exporter available again');
    expect(requests.to('/contracts.csv')).to.have.length(1);
    expect(active(el)).to.equal(exportButton);
  });

  it('"Page suivante" moves the focus to each new page’s first row; at the last page it stays (aria-disabled) and says the range', async () => {
    const { total } = await backend.client.contracts({ status: 'integrated', limit: 1 });
    const pages = Math.ceil(total / 100);
    expect(pages).to.be.greaterThan(1);
    const el = await mount({ pageSize: 100 });
    await waitForRows(el, 'integrated');
    const next = button(section(el, 'integrated').querySelector('nav')!, 'Page suivante');
    next.focus();
    const first = (pages - 1) * 100 + 1;
    for (let page = 2; page <= pages; page++) {
      next.click();
      await waitUntil(() => norm(section(el, 'integrated').querySelector('nav')!.textContent).startsWith(`${(page - 1) * 100 + 1}–`));
      await waitForRows(el, 'integrated');
      // The new page's first row has the focus (navigation.test.ts); back to the pager for the next page.
      await waitUntil(() => active(el)?.closest('tr') === rows(el, 'integrated')[0], `focus on page ${page}'s first row`);
      next.focus();
    }
    expect(next.isConnected).to.equal(true);
    expect(next.getAttribute('aria-disabled')).to.equal('true');
    expect(active(el)).to.equal(next);
    const count = requests.all.length;
    next.click();
    await aTimeout(100);
    expect(requests.all.length).to.equal(count);
    expect(norm(announcer(el).textContent)).to.equal(`Contrats intégrés sur la plateforme : ${first}–${total} sur ${total}`);
  });

  it('announces search results in one always-present polite live region, in the UI’s language', async () => {
    const [integrated, rejected] = await Promise.all(
      (['integrated', 'rejected'] as const).map((status) => backend.client.contracts({ status, q: 'helene', limit: 1 })),
    );
    const el = await fixture<ErpSyncData>(html`<erp-sync-data></erp-sync-data>`);
    const region = announcer(el);
    expect(region.getAttribute('aria-live')).to.equal('polite');
    expect(region.classList.contains('visually-hidden')).to.equal(true);
    el.token = backend.mock.token;
    await waitForRows(el, 'integrated');
    expect(announcer(el)).to.equal(region);
    expect(norm(region.textContent), 'the first load is not the user’s doing').to.equal('');
    type(el, 'helene');
    await waitUntil(() => norm(region.textContent) !== '', 'an announcement');
    const words = (n: number, one: string, other: string) => `${n} ${n > 1 ? other : one}`;
    expect(norm(region.textContent)).to.equal(
      `${words(integrated.total, 'contrat intégré', 'contrats intégrés')} et ${words(rejected.total, 'non intégré', 'non intégrés')} pour « helene »`,
    );
    el.lang = 'en';
    type(el, 'zzzz');
    await waitUntil(() => norm(region.textContent) === '0 integrated contracts and 0 non-integrated for “zzzz”');
    await expect(el).to.be.accessible();
  });

  it('loading a search over shown rows moves nothing and dims no text', async () => {
    backend.mock.override(
      http.get(`${API}/contracts`, async ({ request }) => {
        if (new URL(request.url).searchParams.get('q')) await delay(1000);
        return undefined;
      }),
    );
    const el = await mount();
    await waitForRows(el, 'integrated');
    const table = () => section(el, 'integrated').querySelector('table')!;
    const busy = section(el, 'integrated').querySelector<HTMLElement>('.busy')!;
    expect(getComputedStyle(busy).visibility).to.equal('hidden');
    const top = table().getBoundingClientRect().top;
    type(el, 'helene');
    await waitUntil(() => table().getAttribute('aria-busy') === 'true', 'busy');
    expect(table().getBoundingClientRect().top).to.equal(top);
    expect(getComputedStyle(busy).visibility).to.equal('visible');
    expect(norm(busy.textContent)).to.equal('Chargement…');
    const tbody = table().querySelector('tbody')!;
    expect(getComputedStyle(tbody).opacity).to.equal('1');
    expect(getComputedStyle(tbody.querySelector('th')!).color).to.equal(getComputedStyle(el).color);
    await waitForRows(el, 'integrated');
  });
});

describe('<erp-sync-data> tokens and actions', () => {
  it('calls a token function once for all its requests', async () => {
    let calls = 0;
    const el = await fixture<ErpSyncData>(html`<erp-sync-data
      .token=${async () => {
        calls += 1;
        return backend.mock.token;
      }}
    ></erp-sync-data>`);
    await waitForRows(el, 'integrated');
    await waitForRows(el, 'rejected');
    type(el, 'helene');
    await waitUntil(() => requests.all.filter((r) => r.url.searchParams.get('q') === 'helene').length === 2);
    await waitForRows(el, 'integrated');
    expect(calls).to.equal(1);
  });

  it('a rotated token keeps the page and reloads nothing; the next request carries it', async () => {
    const { total } = await backend.client.contracts({ status: 'integrated', limit: 1 });
    const rotated = await backend.mock.signToken({ ttlSeconds: 7200 });
    expect(rotated).to.not.equal(backend.mock.token);
    const el = await mount();
    await waitForRows(el, 'integrated');
    const pager = () => norm(section(el, 'integrated').querySelector('nav')!.textContent);
    button(section(el, 'integrated').querySelector('nav')!, 'Page suivante').click();
    await waitUntil(() => pager().startsWith('51–100 sur '));
    await waitForRows(el, 'integrated');
    const count = requests.all.length;
    let calls = 0;
    el.token = async () => {
      calls += 1;
      return rotated;
    };
    await el.updateComplete;
    await aTimeout(200);
    expect(requests.all.length, 'nothing fetched again').to.equal(count);
    expect(pager()).to.include(`51–100 sur ${total}`);
    button(section(el, 'integrated').querySelector('nav')!, 'Page suivante').click();
    await waitUntil(() => pager().startsWith('101–150 sur '));
    expect(calls).to.equal(1);
    expect(requests.all.at(-1)!.authorization).to.equal(`Bearer ${rotated}`);
  });

  it('recovers from an expired session when the host gives a new token', async () => {
    const expired = await backend.mock.signToken({ ttlSeconds: -60 });
    const el = await fixture<ErpSyncData>(html`<erp-sync-data .token=${expired}></erp-sync-data>`);
    await waitForText(el, 'Session expirée');
    el.token = backend.mock.token;
    await waitForRows(el, 'integrated');
    await waitForRows(el, 'rejected');
  });

  it('preventDefault() on erp-sync-export suppresses the browser download; without it the file is saved', async () => {
    const el = await mount();
    await waitForRows(el, 'rejected');
    const clicked: HTMLAnchorElement[] = [];
    const realClick = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push(this);
    };
    try {
      el.addEventListener('erp-sync-export', (e) => e.preventDefault(), { once: true });
      let exported = oneEvent(el, 'erp-sync-export');
      button(section(el, 'rejected'), 'Exporter en CSV').click();
      const { detail } = await exported;
      await el.updateComplete;
      await aTimeout(50);
      expect(clicked).to.have.length(0);

      exported = oneEvent(el, 'erp-sync-export');
      button(section(el, 'rejected'), 'Exporter en CSV').click();
      await exported;
      await waitUntil(() => clicked.length === 1, 'the download link clicked');
      expect(clicked[0].download).to.equal(detail.filename);
      expect(clicked[0].href).to.match(/^blob:/);
    } finally {
      HTMLAnchorElement.prototype.click = realClick;
    }
  });

  it("says a known API error in the UI language, not the server's French message", async () => {
    // A run started behind the widget's back (and a slow database keeping it running): the app
    // refuses the widget's own start with its 409 RUN_IN_PROGRESS.
    backend.mock.backend.runtime.control.applyDelayMs = 3000;
    const el = await mount({ lang: 'en' });
    await waitForRows(el, 'integrated');
    await backend.client.startRun();
    const failed = oneEvent(el, 'erp-sync-error');
    button(root(el), 'Run a synchronisation').click();
    expect((await failed).detail.error).to.include({ status: 409, code: 'RUN_IN_PROGRESS' });
    await waitUntil(() => root(el).querySelector('[part="action-error"]'));
    expect(norm(root(el).querySelector('[part="action-error"]')!.textContent)).to.equal(
      'The action failed: A synchronisation is already running. Try again once it has finished.',
    );
    await waitUntil(async () => (await backend.client.summary()).lastRun?.status !== 'running', 'the run ended', { timeout: 15_000 });
  });
});
