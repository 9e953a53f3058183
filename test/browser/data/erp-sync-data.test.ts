/**
 * <erp-sync-data> on the real server app in MSW (normal scenario): the status header, both
 * tables, a row's detail, sorting, reason chips, the CSV export, the search, paging, hostile
 * data, languages. What each view should show is asked of the same app (`client`); only what the
 * app cannot stage on demand is overridden per test (a slow answer, a record's CSV line).
 */
import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { contractItem, contractList } from '../../../contract/api.ts';
import '../../../widget/data/erp-sync-data.ts';
import type { ErpSyncData } from '../../../widget/data/erp-sync-data.component.ts';
import { API, delay, http, HttpResponse, useMockApi } from '../support/mock.ts';
import { useRequestLog } from '../support/requests.ts';
import { button, fold, learners, norm, root, rows, section, type, waitForRows, waitForText, waitUntil } from './helpers.ts';

const backend = useMockApi();
const requests = useRequestLog();

async function mount(attrs: { pageSize?: number; lang?: string } = {}): Promise<ErpSyncData> {
  return fixture<ErpSyncData>(html`<erp-sync-data
    .token=${backend.mock.token}
    page-size=${attrs.pageSize ?? 50}
    lang=${attrs.lang ?? 'fr'}
  ></erp-sync-data>`);
}

/** "DUPONT Hélène", as the tables list a learner. */
const listed = (i: contractItem) => `${i.data.nomApprenant} ${i.data.prenomApprenant}`.trim();

const heading = (el: ErpSyncData, table: 'integrated' | 'rejected') => norm(section(el, table).querySelector('h2')?.textContent);

describe('<erp-sync-data> status header', () => {
  it('shows the last sync date and time (Paris), source, status and counts', async () => {
    const { lastRun } = await backend.client.summary();
    const el = await mount();
    await waitForText(el, 'Dernière synchronisation');
    const status = root(el).querySelector('[part="status"]')!;
    // The seeded runs are dated in winter: Paris is UTC+1.
    const at = new Date(lastRun!.finishedAt!);
    const paris = new Date(at.getTime() + 3600_000).toISOString();
    const day = `${paris.slice(8, 10)}/${paris.slice(5, 7)}/${paris.slice(0, 4)}`;
    expect(norm(status.textContent)).to.include(`Dernière synchronisation le ${day} à ${paris.slice(11, 16)}`);
    expect(norm(status.querySelector('[data-meta="source"]')!.textContent)).to.equal('Import depuis l’API de l’ERP');
    expect(norm(status.querySelector('[data-meta="status"]')!.textContent)).to.equal('Réussie');
    for (const key of ['received', 'integrated', 'rejected'] as const) {
      expect(norm(status.querySelector(`[data-meta="${key}"]`)!.textContent).replace(/ /g, '')).to.equal(String(lastRun!.counts[key]));
    }
    await expect(el).to.be.accessible();
  });

  it('says how many contracts wait for a fix in the ERP, and its button takes the focus to their table', async () => {
    const { totals } = await backend.client.summary();
    expect(totals.rejected, 'the seed has non-integrated contracts').to.be.greaterThan(1);
    const el = await mount();
    await waitForRows(el, 'rejected');
    const link = root(el).querySelector<HTMLButtonElement>('[part="status"] button[part="show-rejected"]')!;
    expect(norm(link.textContent)).to.equal(`${totals.rejected} contrats non intégrés à corriger dans l’ERP`);
    link.focus();
    link.click();
    expect(root(el).activeElement?.id).to.equal('rejected-heading');
    expect(heading(el, 'rejected')).to.equal(`Contrats non intégrés (${totals.rejected})`);
    await expect(el).to.be.accessible();
  });
});

describe('<erp-sync-data> tables', () => {
  it('lists integrated contracts with the default columns, a caption and scoped headers', async () => {
    const first = await backend.client.contracts({ status: 'integrated', limit: 50 });
    const el = await mount();
    await waitForRows(el, 'integrated');
    const sec = section(el, 'integrated');
    expect(heading(el, 'integrated')).to.equal(`Contrats intégrés (${first.total})`);
    expect(norm(sec.querySelector('caption')!.textContent)).to.equal('Contrats intégrés sur la plateforme');
    const headers = [...sec.querySelectorAll('thead th')].map((th) => norm(th.textContent));
    expect(headers).to.deep.equal([
      'Détail',
      'Apprenant▲',
      'Email',
      'Formation↕',
      'Groupe↕',
      'Site↕',
      'Entreprise↕',
      'Maître d’apprentissage',
      'Dates du contrat↕',
    ]);
    for (const th of sec.querySelectorAll('thead th')) expect(th.getAttribute('scope')).to.equal('col');
    expect(learners(el, 'integrated')).to.deep.equal(first.items.map(listed));
    const item = first.items[0];
    const row = norm(rows(el, 'integrated')[0].textContent);
    expect(row).to.include(`${item.data.nomMaitreApprentissage} ${item.data.prenomMaitreApprentissage}`);
    const iso = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
    expect(row).to.include(`du ${iso(item.data.dateDebut)} au ${iso(item.data.dateFin)}`);
    await expect(el).to.be.accessible();
  });

  it('lists non-integrated contracts with every reason in plain words, since when, and the kept version', async () => {
    const list = await backend.client.contracts({ status: 'rejected', limit: 50, lang: 'fr' });
    const el = await mount();
    await waitForRows(el, 'rejected');
    expect(heading(el, 'rejected')).to.equal(`Contrats non intégrés (${list.total})`);
    const drawn = rows(el, 'rejected');
    expect(drawn).to.have.length(list.items.length);
    list.items.forEach((item, i) => {
      const reasons = [...drawn[i].querySelectorAll('ul.reasons li')].map((li) => norm(li.textContent));
      // The widget words the codes itself (its `lang`), as the server words them.
      expect(reasons).to.deep.equal(item.reasons.map((r) => norm(r.message)));
      expect(norm(drawn[i].textContent)).to.include(item.hasValidVersion ? 'Version précédente conservée' : 'Aucune');
    });
    await expect(el).to.be.accessible();
  });

  it('names a duplicated contract by its code and copy, never by its internal key', async () => {
    const list = await backend.client.contracts({ status: 'rejected', limit: 500 });
    const copy = list.items.find((i) => i.origin !== null && i.data.codeContrat !== '');
    expect(copy, 'the seed sends a contract code twice').to.not.equal(undefined);
    expect(copy!.origin!.copy).to.equal(2);
    const el = await mount({ pageSize: 500 });
    await waitForRows(el, 'rejected');
    const row = rows(el, 'rejected').find((r) => r.dataset.key === copy!.codeContrat)!;
    const position = copy!.origin!.index + 1;
    expect(norm(row.querySelector('td[data-column="contract"]')!.textContent)).to.equal(
      `${copy!.data.codeContrat} (2e copie, position ${position})`,
    );
    expect(norm(root(el).textContent)).to.not.include(copy!.codeContrat);
    el.lang = 'en';
    await el.updateComplete;
    expect(norm(row.querySelector('td[data-column="contract"]')!.textContent)).to.equal(
      `${copy!.data.codeContrat} (2nd copy, position ${position})`,
    );
  });

  it('names a codeless record by the CSV line it was read on', async () => {
    // The seeded ERP is pulled (no CSV lines) and always sends a code: the app's own answer,
    // changed to what a CSV source gives for a codeless row.
    backend.mock.override(
      http.get(`${API}/contracts`, async ({ request }) => {
        if (new URL(request.url).searchParams.get('status') !== 'rejected') return undefined;
        const list = (await (await backend.mock.forward(request)).json()) as contractList;
        const [first, ...rest] = list.items;
        const codeless: contractItem = {
          ...first,
          codeContrat: '#line:82',
          data: { ...first.data, codeContrat: '' },
          origin: { index: 80, line: 82, copy: 1 },
        };
        return HttpResponse.json({ ...list, items: [codeless, ...rest] } satisfies contractList);
      }),
    );
    const el = await mount();
    await waitForRows(el, 'rejected');
    const cell = () => norm(rows(el, 'rejected')[0].querySelector('td[data-column="contract"]')!.textContent);
    expect(cell()).to.equal('sans code (ligne 82)');
    expect(norm(root(el).textContent)).to.not.include('#line');
    el.lang = 'en';
    await el.updateComplete;
    expect(cell()).to.equal('no code (line 82)');
    await expect(el).to.be.accessible();
  });

  it('opens a row with its disclosure button: every field, aria-expanded, erp-sync-contract-select', async () => {
    const { items } = await backend.client.contracts({ status: 'integrated', limit: 1 });
    const el = await mount();
    await waitForRows(el, 'integrated');
    const toggle = rows(el, 'integrated')[0].querySelector<HTMLButtonElement>('button.disclosure')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(toggle.getAttribute('aria-label')).to.equal(`Détail du contrat de ${listed(items[0])}`);
    const detail = root(el).getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(detail.hidden).to.equal(true);

    toggle.focus();
    const selected = oneEvent(el, 'erp-sync-contract-select');
    await sendKeys({ press: 'Enter' });
    expect((await selected).detail).to.deep.equal({ code: items[0].codeContrat });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(detail.hidden).to.equal(false);
    const labels = [...detail.querySelectorAll('dt')].map((dt) => norm(dt.textContent));
    expect(labels).to.have.length(34);
    expect(labels).to.include.members(['Code contrat', 'SIRET', 'Email du tuteur école', 'Code RNCP', 'Date de résiliation']);
    expect(norm(detail.textContent)).to.include(items[0].data.emailPersonnel);
    await expect(el).to.be.accessible();

    // The detail's own button asks the host to show the contract's history.
    const history = detail.querySelector<HTMLButtonElement>('button[part="show-history"]')!;
    expect(norm(history.textContent)).to.equal('Voir l’historique du contrat');
    const asked = oneEvent(el, 'erp-sync-contract-history');
    history.click();
    const event = await asked;
    expect(event.detail).to.deep.equal({ code: items[0].codeContrat });
    expect(event.bubbles && event.composed).to.equal(true);

    toggle.focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(detail.hidden).to.equal(true);
  });

  it('opening a row fires only erp-sync-contract-select; the history event waits for the button', async () => {
    const el = await mount({ lang: 'en' });
    await waitForRows(el, 'rejected');
    const fired: string[] = [];
    el.addEventListener('erp-sync-contract-select', () => fired.push('select'));
    el.addEventListener('erp-sync-contract-history', () => fired.push('history'));
    rows(el, 'rejected')[0].querySelector<HTMLButtonElement>('button.disclosure')!.click();
    await el.updateComplete;
    expect(fired).to.deep.equal(['select']);
    const detail = section(el, 'rejected').querySelector('tr.detail:not([hidden])')!;
    button(detail, 'View the contract’s history').click();
    expect(fired).to.deep.equal(['select', 'history']);
    await expect(el).to.be.accessible();
  });

  it('sorts on the server when a header button is pressed: rows in the server’s order, aria-sort follows', async () => {
    const [defaults, ascending, descending] = await Promise.all([
      backend.client.contracts({ status: 'integrated', limit: 50 }),
      ...(['asc', 'desc'] as const).map((order) => backend.client.contracts({ status: 'integrated', sort: 'formation', order, limit: 50 })),
    ]);
    const codes = (list: contractList) => list.items.map((i) => i.codeContrat).join();
    expect(codes(ascending), 'sorting changes the rows').to.not.equal(codes(defaults));
    const el = await mount();
    await waitForRows(el, 'integrated');
    const drawn = () =>
      rows(el, 'integrated')
        .map((r) => r.dataset.key)
        .join();
    const th = () => section(el, 'integrated').querySelector<HTMLElement>('th:has(button[data-sort="formation"])')!;
    expect(drawn()).to.equal(codes(defaults));
    expect(th().hasAttribute('aria-sort')).to.equal(false);
    th().querySelector('button')!.click();
    await waitUntil(() => th().getAttribute('aria-sort') === 'ascending');
    await waitUntil(() => drawn() === codes(ascending), 'ascending rows');
    expect(requests.to('/contracts').at(-1)!.url.searchParams.get('sort')).to.equal('formation');
    th().querySelector('button')!.click();
    await waitUntil(() => th().getAttribute('aria-sort') === 'descending');
    await waitUntil(() => drawn() === codes(descending), 'descending rows');
    await waitForRows(el, 'integrated');
    await expect(el).to.be.accessible();
  });

  it('filters non-integrated contracts with reason chips (aria-pressed, the server’s counts)', async () => {
    const { reasonCounts } = await backend.client.contracts({ status: 'rejected', limit: 1 });
    const top = [...reasonCounts].sort((a, b) => b.count - a.count)[0];
    const { total } = await backend.client.contracts({ status: 'rejected', limit: 1 });
    const el = await mount();
    await waitForRows(el, 'rejected');
    const chips = section(el, 'rejected').querySelector('[part="chips"]')!;
    expect(chips.getAttribute('role')).to.equal('group');
    const chip = chips.querySelector<HTMLButtonElement>(`[data-reason="${top.code}"]`)!;
    const label = norm(chip.textContent).split(' · ')[0];
    expect(norm(chip.textContent)).to.equal(`${label} · ${top.count}`);
    expect(chip.getAttribute('aria-pressed')).to.equal('false');
    chip.click();
    await waitUntil(() => heading(el, 'rejected') === `Contrats non intégrés (${top.count})`);
    await waitForRows(el, 'rejected');
    expect(chips.querySelector(`[data-reason="${top.code}"]`)!.getAttribute('aria-pressed')).to.equal('true');
    expect(requests.to('/contracts').at(-1)!.url.searchParams.get('reason')).to.equal(top.code);
    for (const r of rows(el, 'rejected')) expect(r.querySelector(`li[data-reason="${top.code}"]`)).to.not.equal(null);
    await expect(el).to.be.accessible();
    // Pressing it again clears the filter.
    section(el, 'rejected').querySelector<HTMLButtonElement>(`[data-reason="${top.code}"]`)!.click();
    await waitUntil(() => heading(el, 'rejected') === `Contrats non intégrés (${total})`);
  });

  it('exports the current non-integrated list as CSV with the token (cancelable erp-sync-export)', async () => {
    const { reasonCounts } = await backend.client.contracts({ status: 'rejected', limit: 1 });
    const reason = reasonCounts[0];
    const el = await mount();
    await waitForRows(el, 'rejected');
    section(el, 'rejected').querySelector<HTMLButtonElement>(`[data-reason="${reason.code}"]`)!.click();
    await waitUntil(() => heading(el, 'rejected') === `Contrats non intégrés (${reason.count})`);
    await waitForRows(el, 'rejected');
    el.addEventListener('erp-sync-export', (e) => e.preventDefault(), { once: true });
    const exported = oneEvent(el, 'erp-sync-export');
    button(section(el, 'rejected'), 'Exporter en CSV').click();
    const { detail } = await exported;
    // The very file the app exports for that filter.
    const expected = await backend.client.downloadCsv({ status: 'rejected', reason: reason.code, lang: 'fr' });
    expect(detail.filename).to.equal(expected.filename);
    expect(await detail.blob.text()).to.equal(await expected.blob.text());
    const request = requests.to('/contracts.csv')[0];
    expect(request.url.searchParams.get('status')).to.equal('rejected');
    expect(request.url.searchParams.get('reason')).to.equal(reason.code);
    expect(request.authorization).to.equal(`Bearer ${backend.mock.token}`);
  });
});

describe('<erp-sync-data> search', () => {
  it("finds 'Hélène' when typing 'helene', in both tables, server-side and debounced", async () => {
    const found = await backend.client.contracts({ status: 'integrated', q: 'helene', limit: 50 });
    expect(found.total, 'the seed has a Hélène').to.be.greaterThan(0);
    const el = await mount();
    await waitForRows(el, 'integrated');
    requests.clear();
    type(el, 'hel');
    type(el, 'helen');
    type(el, 'helene');
    await waitUntil(() => learners(el, 'integrated').join() === found.items.map(listed).join(), 'the rows the server found', {
      timeout: 10_000,
    });
    expect(learners(el, 'integrated').some((n) => n.includes('Hélène'))).to.equal(true);
    // One committed query for both tables, not one request per keystroke.
    const searches = requests.to('/contracts').filter((r) => r.url.searchParams.has('q'));
    expect(searches.map((r) => r.url.searchParams.get('q'))).to.deep.equal(['helene', 'helene']);
    expect(searches.map((r) => r.url.searchParams.get('status')).sort()).to.deep.equal(['integrated', 'rejected']);
    await expect(el).to.be.accessible();
  });

  it('draws "Aucun contrat" when nothing matches', async () => {
    const el = await mount();
    await waitForRows(el, 'integrated');
    type(el, 'zzzz');
    await waitUntil(() => section(el, 'integrated').querySelector('[part~="state-empty"]'));
    expect(norm(section(el, 'integrated').textContent)).to.include('Aucun contrat ne correspond à « zzzz ».');
    await waitUntil(() => section(el, 'rejected').querySelector('[part~="state-empty"]'));
    await expect(el).to.be.accessible();
  });

  it('never lets a superseded (slow) search overwrite the newer result', async () => {
    const { items } = await backend.client.contracts({ status: 'integrated', limit: 50 });
    // Two last names neither of which finds the other's rows.
    const slow = items[0].data.nomApprenant;
    const fast = items.map((i) => i.data.nomApprenant).find((n) => !fold(n).includes(fold(slow)) && !fold(slow).includes(fold(n)))!;
    const expected = await backend.client.contracts({ status: 'integrated', q: fast, limit: 50 });
    // The first search's answers are held on their way back from the real app.
    backend.mock.override(
      http.get(`${API}/contracts`, async ({ request }) => {
        if (new URL(request.url).searchParams.get('q') === slow) await delay(1500);
        return undefined;
      }),
    );
    const el = await mount();
    await waitForRows(el, 'integrated');
    const errors: Event[] = [];
    el.addEventListener('erp-sync-error', (e) => errors.push(e));
    type(el, slow);
    await waitUntil(() => requests.all.filter((r) => r.url.searchParams.get('q') === slow).length === 2, 'both tables searching');
    const superseded = requests.all.filter((r) => r.url.searchParams.get('q') === slow);
    expect(superseded.some((r) => r.signal?.aborted)).to.equal(false);
    type(el, fast);
    // The superseded requests are cancelled, not only ignored.
    await waitUntil(() => superseded.every((r) => r.signal?.aborted), 'the first search aborted');
    const onlyFast = () =>
      learners(el, 'integrated').join() === expected.items.map(listed).join() &&
      section(el, 'integrated').querySelector('table[aria-busy="false"]') !== null;
    await waitUntil(onlyFast, 'the second search’s rows', { timeout: 10_000 });
    // Let the held answers arrive: the table must still show the second search.
    await aTimeout(1800);
    expect(onlyFast()).to.equal(true);
    expect(root(el).querySelector<HTMLInputElement>('input[type="search"]')!.value).to.equal(fast);
    expect(errors).to.have.length(0);
  });
});

describe('<erp-sync-data> pages', () => {
  it('shows page 1 and pages without ever fetching everything', async () => {
    const { total } = await backend.client.contracts({ status: 'integrated', limit: 1 });
    expect(total, 'more than one page').to.be.greaterThan(100);
    const el = await mount();
    await waitForRows(el, 'integrated');
    expect(rows(el, 'integrated')).to.have.length(50);
    const pager = () => section(el, 'integrated').querySelector('nav[part="pager"]')!;
    expect(norm(pager().getAttribute('aria-label'))).to.equal('Pagination : Contrats intégrés sur la plateforme');
    expect(norm(pager().textContent)).to.include(`1–50 sur ${total}`);
    expect(button(pager(), 'Page précédente').getAttribute('aria-disabled')).to.equal('true');
    button(pager(), 'Page suivante').click();
    await waitUntil(() => norm(pager().textContent).includes(`51–100 sur ${total}`));
    await waitForRows(el, 'integrated');
    expect(rows(el, 'integrated')).to.have.length(50);
    expect(button(pager(), 'Page précédente').getAttribute('aria-disabled')).to.equal('false');
    const lists = requests.to('/contracts');
    expect(lists.every((r) => r.url.searchParams.get('limit') === '50')).to.equal(true);
    expect(lists.some((r) => r.url.searchParams.get('offset') === '50')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('honours page-size', async () => {
    const el = await mount({ pageSize: 10 });
    await waitForRows(el, 'integrated');
    expect(rows(el, 'integrated')).to.have.length(10);
    expect(norm(section(el, 'integrated').querySelector('nav')!.textContent)).to.match(/^1–10 sur /);
    expect(requests.to('/contracts').every((r) => r.url.searchParams.get('limit') === '10')).to.equal(true);
  });

  it('keeps page-size within the API’s bounds', async () => {
    const el = await mount({ pageSize: 100_000 });
    await waitForRows(el, 'integrated');
    expect(requests.to('/contracts').every((r) => r.url.searchParams.get('limit') === '500')).to.equal(true);
    expect(root(el).querySelector('[part~="state-error"]')).to.equal(null);
  });
});

describe('<erp-sync-data> safety and languages', () => {
  it('renders the seed’s hostile learner name as text', async () => {
    const el = await mount();
    await waitForRows(el, 'integrated');
    type(el, 'onerror');
    await waitUntil(() => learners(el, 'integrated').some((n) => n.includes('<img src=x onerror=alert(1)>')), 'the hostile learner');
    rows(el, 'integrated')[0].querySelector<HTMLButtonElement>('button.disclosure')!.click();
    await el.updateComplete;
    expect(root(el).querySelector('img')).to.equal(null);
    expect(norm(root(el).querySelector('tr.detail:not([hidden])')!.textContent)).to.include('<img src=x onerror=alert(1)>');
  });

  it('re-renders everything in English when lang switches, reason sentences included', async () => {
    const english = await backend.client.contracts({ status: 'rejected', limit: 50, lang: 'en' });
    const { totals } = await backend.client.summary();
    const el = await mount();
    await waitForRows(el, 'rejected');
    el.lang = 'en';
    await el.updateComplete;
    const text = norm(root(el).textContent);
    expect(text).to.match(/Last synchronised on \d{2}\/\d{2}\/\d{4} at \d{2}:\d{2}/);
    expect(text).to.include(`Non-integrated contracts (${totals.rejected})`);
    expect(text).to.include(`${totals.rejected} non-integrated contracts to fix in the ERP`);
    const first = [...rows(el, 'rejected')[0].querySelectorAll('ul.reasons li')].map((li) => norm(li.textContent));
    expect(first).to.deep.equal(english.items[0].reasons.map((r) => r.message));
    expect(norm(root(el).querySelector('label')!.textContent)).to.equal('Search contracts');
    expect(text).to.not.include('Contrats intégrés');
    expect(el.getAttribute('lang')).to.equal('en');
    await expect(el).to.be.accessible();
  });

  it('draws an element asked for in English in English from its first paint', async () => {
    const el = await mount({ lang: 'en' });
    expect(norm(root(el).textContent)).to.include('Loading…');
    await waitForRows(el, 'integrated');
    expect(norm(root(el).textContent)).to.not.include('Chargement');
  });

  it('lets two instances work side by side', async () => {
    const { total } = await backend.client.contracts({ status: 'integrated', limit: 1 });
    const found = await backend.client.contracts({ status: 'integrated', q: 'helene', limit: 50 });
    const wrap = await fixture<HTMLDivElement>(html`<div>
      <erp-sync-data .token=${backend.mock.token}></erp-sync-data>
      <erp-sync-data .token=${backend.mock.token} lang="en" page-size="5"></erp-sync-data>
    </div>`);
    const [a, b] = [...wrap.querySelectorAll('erp-sync-data')];
    await waitForRows(a, 'integrated');
    await waitForRows(b, 'integrated');
    type(a, 'helene');
    await waitUntil(() => learners(a, 'integrated').join() === found.items.map(listed).join(), 'the first one searched');
    expect(rows(b, 'integrated')).to.have.length(5);
    expect(norm(b.shadowRoot!.textContent)).to.include(`Integrated contracts (${total})`);
    expect(norm(a.shadowRoot!.textContent)).to.include('Contrats intégrés');
  });
});
