/**
 * <erp-sync-data> with a small msw fake (fake-api.ts): every feature and state with exact,
 * known data, plus what the real mock cannot stage on demand (a slow first response only, a
 * malformed body, a hostile learner name, exact request limits). The same features against the
 * real server app are in erp-sync-data.mock.test.ts.
 */
import { expect, fixture, html, oneEvent, aTimeout } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../widget/data/erp-sync-data.ts';
import type { ErpSyncData } from '../../../widget/data/erp-sync-data.component.ts';
import { TOKEN, useFake, http, HttpResponse, delay, BASE, type FakeOptions } from './fake-api.ts';
import { button, learners, norm, root, rows, section, type, waitForRows, waitForText, waitUntil } from './helpers.ts';

async function mount(options: FakeOptions = {}, attrs: { pageSize?: number; lang?: string } = {}) {
  const api = await useFake(options);
  const el = await fixture<ErpSyncData>(html`<erp-sync-data
    .token=${TOKEN}
    page-size=${attrs.pageSize ?? 50}
    lang=${attrs.lang ?? 'fr'}
  ></erp-sync-data>`);
  return { el, api };
}

describe('<erp-sync-data>', () => {
  describe('status header', () => {
    it('shows the last sync date and time (Paris), source, status and counts', async () => {
      const { el } = await mount();
      await waitForText(el, 'Dernière synchronisation');
      const status = root(el).querySelector('[part="status"]')!;
      // finishedAt 2026-03-12T01:02Z is 02:02 in Paris (UTC+1 in March).
      expect(norm(status.textContent)).to.include('Dernière synchronisation le 12/03/2026 à 02:02');
      expect(norm(status.querySelector('[data-meta="source"]')!.textContent)).to.equal('Fichier CSV');
      expect(norm(status.querySelector('[data-meta="status"]')!.textContent)).to.equal('Réussie');
      expect(norm(status.querySelector('[data-meta="received"]')!.textContent)).to.equal('150');
      expect(norm(status.querySelector('[data-meta="integrated"]')!.textContent)).to.equal('120');
      expect(norm(status.querySelector('[data-meta="rejected"]')!.textContent)).to.equal('30');
    });

    it('says why a failed run failed', async () => {
      const { el } = await mount({ scenario: 'failed' });
      await waitForText(el, 'Échouée');
      const alert = root(el).querySelector('[part="run-error"]')!;
      expect(alert.getAttribute('role')).to.equal('alert');
      expect(norm(alert.textContent)).to.equal('La synchronisation a échoué : Fichier vide : 0 ligne lue dans export.csv');
      await expect(el).to.be.accessible();
    });

    it('shows how many contracts a held run would archive, and approves it', async () => {
      const { el, api } = await mount({ scenario: 'held' });
      await waitForText(el, 'En attente d’approbation');
      const held = root(el).querySelector('[part="run-held"]')!;
      expect(norm(held.textContent)).to.include('elle archiverait 1 234 contrats sur 18 240 intégrés');
      await expect(el).to.be.accessible();
      const approved = oneEvent(el, 'erp-sync-run-approved');
      button(held, 'Approuver').click();
      expect((await approved).detail).to.deep.equal({ runId: 'run-42' });
      expect(api.approved).to.deep.equal(['run-42']);
      // The summary is fetched again: the run is no longer held.
      await waitForText(el, 'Réussie');
      expect(root(el).querySelector('[part="run-held"]')).to.equal(null);
    });

    it('draws the never-synced state', async () => {
      const { el } = await mount({ scenario: 'never-synced' });
      await waitForText(el, 'Aucune synchronisation pour l’instant');
      expect(root(el).querySelector('table')).to.equal(null);
      await expect(el).to.be.accessible();
    });
  });

  describe('tables', () => {
    it('lists integrated contracts with the default columns, a caption and scoped headers', async () => {
      const { el } = await mount();
      await waitForRows(el, 'integrated');
      const sec = section(el, 'integrated');
      expect(norm(sec.querySelector('h2')!.textContent)).to.equal('Contrats intégrés (120)');
      expect(norm(sec.querySelector('caption')!.textContent)).to.equal('Contrats intégrés sur la plateforme');
      const headers = [...sec.querySelectorAll('thead th')].map((th) => norm(th.textContent));
      expect(headers).to.deep.equal([
        'Détail',
        'Apprenant↕',
        'Email',
        'Formation↕',
        'Groupe↕',
        'Site↕',
        'Entreprise↕',
        'Maître d’apprentissage',
        'Dates du contrat↕',
      ]);
      for (const th of sec.querySelectorAll('thead th')) expect(th.getAttribute('scope')).to.equal('col');
      expect(rows(el, 'integrated')).to.have.length(50);
      const first = rows(el, 'integrated')[0];
      expect(norm(first.textContent)).to.include('DUPONT Hélène');
      expect(norm(first.textContent)).to.include('Petit Paul');
      expect(norm(first.textContent)).to.include('du 01/09/2025 au 31/08/2027');
      await expect(el).to.be.accessible();
    });

    it('lists non-integrated contracts with every reason in plain words, since when, and the kept version', async () => {
      const { el } = await mount();
      await waitForRows(el, 'rejected');
      const sec = section(el, 'rejected');
      expect(norm(sec.querySelector('h2')!.textContent)).to.equal('Contrats non intégrés (30)');
      const text = norm(sec.textContent);
      expect(text).to.include('Entreprise manquante : renseignez Entreprise (nomEntreprise) dans l’ERP.');
      expect(text).to.include('Email du maître d’apprentissage invalide (« paul.petit@ ») : corrigez emailMaitreApprentissage dans l’ERP.');
      expect(text).to.include('11/03/2026');
      expect(text).to.include('Version précédente conservée');
    });

    it('opens a row with its disclosure button: every field, aria-expanded, erp-sync-contract-select', async () => {
      const { el } = await mount();
      await waitForRows(el, 'integrated');
      const row = rows(el, 'integrated')[0];
      const toggle = row.querySelector<HTMLButtonElement>('button.disclosure')!;
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      expect(toggle.getAttribute('aria-label')).to.equal('Détail du contrat de DUPONT Hélène');
      const detail = root(el).getElementById(toggle.getAttribute('aria-controls')!)!;
      expect(detail.hidden).to.equal(true);

      toggle.focus();
      const selected = oneEvent(el, 'erp-sync-contract-select');
      await sendKeys({ press: 'Enter' });
      expect((await selected).detail).to.deep.equal({ code: 'C000000' });
      await el.updateComplete;
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      expect(detail.hidden).to.equal(false);
      const labels = [...detail.querySelectorAll('dt')].map((dt) => norm(dt.textContent));
      expect(labels).to.have.length(34);
      expect(labels).to.include.members(['Code contrat', 'SIRET', 'Email du tuteur école', 'Code RNCP', 'Date de résiliation']);
      expect(norm(detail.textContent)).to.include('anne.durand@cfa.fr');
      await expect(el).to.be.accessible();

      // The detail's own button asks the host to show the contract's history.
      const history = detail.querySelector<HTMLButtonElement>('button[part="show-history"]')!;
      expect(norm(history.textContent)).to.equal('Voir l’historique du contrat');
      const asked = oneEvent(el, 'erp-sync-contract-history');
      history.click();
      const event = await asked;
      expect(event.detail).to.deep.equal({ code: 'C000000' });
      expect(event.bubbles && event.composed).to.equal(true);

      toggle.focus();
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      expect(detail.hidden).to.equal(true);
    });

    it('opening a row fires only erp-sync-contract-select; the history event waits for the button', async () => {
      const { el } = await mount({}, { lang: 'en' });
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

    it('sorts on the server when a header button is pressed: rows in order, aria-sort follows', async () => {
      const { el, api } = await mount();
      await waitForRows(el, 'integrated');
      const th = () => section(el, 'integrated').querySelector<HTMLElement>('th:has(button[data-sort="learner"])')!;
      const byName = (a: string, b: string) => a.localeCompare(b);
      const unsorted = learners(el, 'integrated');
      expect(unsorted).to.not.deep.equal([...unsorted].sort(byName), 'the default order is not already by name');
      expect(th().hasAttribute('aria-sort')).to.equal(false);
      th().querySelector('button')!.click();
      await waitUntil(() => th().getAttribute('aria-sort') === 'ascending');
      await waitUntil(() => api.requests.some((u) => u.searchParams.get('sort') === 'learner' && u.searchParams.get('order') === 'asc'));
      await waitUntil(() => learners(el, 'integrated')[0] !== unsorted[0], 'the rows reordered');
      await waitForRows(el, 'integrated');
      const ascending = learners(el, 'integrated');
      expect(ascending).to.have.length(50);
      expect(ascending).to.deep.equal([...ascending].sort(byName));
      expect(ascending[0]).to.equal('BERNARD Chloé');
      th().querySelector('button')!.click();
      await waitUntil(() => th().getAttribute('aria-sort') === 'descending');
      await waitUntil(() => api.requests.some((u) => u.searchParams.get('order') === 'desc'));
      await waitUntil(() => learners(el, 'integrated')[0] !== ascending[0], 'the rows reversed');
      await waitForRows(el, 'integrated');
      const descending = learners(el, 'integrated');
      expect(descending).to.deep.equal([...descending].sort(byName).reverse());
      expect(descending[0]).to.equal('ROUX Zoé');
    });

    it('filters non-integrated contracts with reason chips (aria-pressed, counts)', async () => {
      const { el, api } = await mount();
      await waitForRows(el, 'rejected');
      const chips = section(el, 'rejected').querySelector('[part="chips"]')!;
      expect(chips.getAttribute('role')).to.equal('group');
      const chip = button(chips, 'Entreprise manquante');
      expect(norm(chip.textContent)).to.equal('Entreprise manquante · 10');
      expect(chip.getAttribute('aria-pressed')).to.equal('false');
      chip.click();
      await waitUntil(() => norm(section(el, 'rejected').querySelector('h2')!.textContent) === 'Contrats non intégrés (10)');
      expect(button(section(el, 'rejected'), 'Entreprise manquante').getAttribute('aria-pressed')).to.equal('true');
      expect(api.requests.at(-1)!.searchParams.get('reason')).to.equal('EMPLOYER_MISSING');
      for (const r of rows(el, 'rejected')) expect(norm(r.textContent)).to.include('Entreprise manquante');
      await expect(el).to.be.accessible();
      // Pressing it again clears the filter.
      button(section(el, 'rejected'), 'Entreprise manquante').click();
      await waitUntil(() => norm(section(el, 'rejected').querySelector('h2')!.textContent) === 'Contrats non intégrés (30)');
    });

    it('exports the current non-integrated list as CSV with the token (cancelable erp-sync-export)', async () => {
      const { el, api } = await mount();
      await waitForRows(el, 'rejected');
      button(section(el, 'rejected'), 'Groupe inconnu').click();
      await waitUntil(() => norm(section(el, 'rejected').querySelector('h2')!.textContent) === 'Contrats non intégrés (10)');
      await waitForRows(el, 'rejected');
      el.addEventListener('erp-sync-export', (e) => e.preventDefault(), { once: true });
      const exported = oneEvent(el, 'erp-sync-export');
      button(section(el, 'rejected'), 'Exporter en CSV').click();
      const { detail } = await exported;
      expect(detail.filename).to.equal('non-integres.csv');
      const csv = await detail.blob.text();
      expect(csv.split('\r\n')[0]).to.equal('codeContrat;nomApprenant');
      expect(csv.split('\r\n')).to.have.length(11);
      const request = api.requests.find((u) => u.pathname.endsWith('/contracts.csv'))!;
      expect(request.searchParams.get('status')).to.equal('rejected');
      expect(request.searchParams.get('reason')).to.equal('GROUP_UNKNOWN');
    });
  });

  describe('search', () => {
    it("finds 'Hélène' when typing 'helene', in both tables, server-side and debounced", async () => {
      const { el, api } = await mount();
      await waitForRows(el, 'integrated');
      const before = api.requests.length;
      type(el, 'hel');
      type(el, 'helen');
      type(el, 'helene');
      await waitUntil(
        () =>
          learners(el, 'integrated').length > 0 &&
          learners(el, 'integrated').every((n) => n.includes('Hélène')) &&
          section(el, 'integrated').querySelector('table[aria-busy="false"]'),
        'only Hélène',
        { timeout: 5000 },
      );
      expect(learners(el, 'integrated').length).to.be.greaterThan(0);
      const searches = api.requests.slice(before).filter((u) => u.searchParams.has('q'));
      // One committed query for both tables, not one request per keystroke.
      expect(searches.map((u) => u.searchParams.get('q'))).to.deep.equal(['helene', 'helene']);
      expect(searches.map((u) => u.searchParams.get('status')).sort()).to.deep.equal(['integrated', 'rejected']);
      await waitUntil(() => learners(el, 'rejected').length > 0 && learners(el, 'rejected').every((n) => n.includes('Hélène')));
      await expect(el).to.be.accessible();
    });

    it('draws "Aucun contrat" when nothing matches', async () => {
      const { el } = await mount();
      await waitForRows(el, 'integrated');
      type(el, 'zzzz');
      await waitUntil(() => section(el, 'integrated').querySelector('[part~="state-empty"]'));
      expect(norm(section(el, 'integrated').textContent)).to.include('Aucun contrat ne correspond à « zzzz ».');
      await waitUntil(() => section(el, 'rejected').querySelector('[part~="state-empty"]'));
      await expect(el).to.be.accessible();
    });

    it('never lets a superseded (slow) search overwrite the newer result', async () => {
      const api = await useFake(
        {},
        http.get(`${BASE}/contracts`, async ({ request }) => {
          if (new URL(request.url).searchParams.get('q') === 'dupont') await delay(1500);
          return undefined; // fall through to the fake's handler
        }),
      );
      const el = await fixture<ErpSyncData>(html`<erp-sync-data .token=${TOKEN}></erp-sync-data>`);
      await waitForRows(el, 'integrated');
      const errors: Event[] = [];
      el.addEventListener('erp-sync-error', (e) => errors.push(e));
      // The signals the widget handed to fetch for the superseded search.
      const signals: AbortSignal[] = [];
      const realFetch = window.fetch;
      window.fetch = (input, init) => {
        const url = new URL(input instanceof Request ? input.url : String(input), location.href);
        if (url.searchParams.get('q') === 'dupont' && init?.signal) signals.push(init.signal);
        return realFetch(input, init);
      };
      try {
        type(el, 'dupont');
        // Sent, not answered (the fake only sees it after its 1.5 s delay).
        await waitUntil(() => signals.length === 2, 'both tables searching for dupont');
      } finally {
        window.fetch = realFetch;
      }
      expect(signals.some((sig) => sig.aborted)).to.equal(false);
      expect(api.requests.some((u) => u.searchParams.get('q') === 'dupont')).to.equal(false);
      type(el, 'moreau');
      // The superseded requests are cancelled, not only ignored.
      await waitUntil(() => signals.every((sig) => sig.aborted), 'the dupont requests aborted');
      await waitUntil(
        () =>
          learners(el, 'integrated').length > 0 &&
          learners(el, 'integrated').every((n) => n.startsWith('MOREAU')) &&
          section(el, 'integrated').querySelector('table[aria-busy="false"]'),
        'moreau results',
        { timeout: 5000 },
      );
      // Let the slow "dupont" response arrive (it was aborted): the table must still show Moreau.
      await aTimeout(1800);
      expect(learners(el, 'integrated').length).to.be.greaterThan(0);
      expect(learners(el, 'integrated').every((n) => n.startsWith('MOREAU'))).to.equal(true);
      expect(root(el).querySelector<HTMLInputElement>('input[type="search"]')!.value).to.equal('moreau');
      expect(errors).to.have.length(0);
    });
  });

  describe('large organisation (20,000 contracts)', () => {
    it('shows page 1 and pages without ever fetching everything', async () => {
      const { el, api } = await mount({ scenario: 'large' });
      await waitForRows(el, 'integrated');
      const sec = section(el, 'integrated');
      expect(norm(sec.querySelector('h2')!.textContent)).to.equal('Contrats intégrés (20 000)');
      expect(rows(el, 'integrated').length).to.equal(50);
      const pager = sec.querySelector('nav[part="pager"]')!;
      expect(norm(pager.getAttribute('aria-label'))).to.equal('Pagination : Contrats intégrés sur la plateforme');
      expect(norm(pager.textContent)).to.include('1–50 sur 20 000');
      expect(button(pager, 'Page précédente').getAttribute('aria-disabled')).to.equal('true');
      button(pager, 'Page suivante').click();
      await waitUntil(() => norm(section(el, 'integrated').querySelector('nav')!.textContent).includes('51–100 sur 20 000'));
      await waitForRows(el, 'integrated');
      expect(rows(el, 'integrated').length).to.equal(50);
      expect(button(section(el, 'integrated').querySelector('nav')!, 'Page précédente').getAttribute('aria-disabled')).to.equal('false');
      const lists = api.requests.filter((u) => u.pathname.endsWith('/contracts'));
      expect(lists.every((u) => Number(u.searchParams.get('limit')) === 50)).to.equal(true);
      expect(lists.some((u) => u.searchParams.get('offset') === '50')).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('honours page-size', async () => {
      const { el, api } = await mount({ scenario: 'large' }, { pageSize: 10 });
      await waitForRows(el, 'integrated');
      expect(rows(el, 'integrated').length).to.equal(10);
      expect(norm(section(el, 'integrated').querySelector('nav')!.textContent)).to.include('1–10 sur 20 000');
      const lists = api.requests.filter((u) => u.pathname.endsWith('/contracts'));
      expect(lists.every((u) => u.searchParams.get('limit') === '10')).to.equal(true);
    });
  });

  describe('states', () => {
    it('draws a loading state while the first responses are on their way', async () => {
      await useFake(
        {},
        http.get(`${BASE}/*`, async () => {
          await delay(800);
          return undefined;
        }),
      );
      const el = await fixture<ErpSyncData>(html`<erp-sync-data .token=${TOKEN}></erp-sync-data>`);
      const loading = root(el).querySelector('[part~="state-loading"]')!;
      expect(norm(loading.textContent)).to.equal('Chargement…');
      expect(loading.getAttribute('role')).to.equal('status');
      await expect(el).to.be.accessible();
      await waitForRows(el, 'integrated');
    });

    it('waits for a token before requesting anything', async () => {
      const api = await useFake();
      const el = await fixture<ErpSyncData>(html`<erp-sync-data></erp-sync-data>`);
      await aTimeout(100);
      expect(api.requests).to.have.length(0);
      expect(root(el).querySelector('[part~="state-loading"]')).to.not.equal(null);
      el.token = async () => TOKEN;
      await waitForRows(el, 'integrated');
    });

    it('draws an error with a retry button, and fires erp-sync-error', async () => {
      await useFake({ scenario: 'server-error' });
      const el = document.createElement('erp-sync-data');
      el.token = TOKEN;
      const failed = oneEvent(el, 'erp-sync-error');
      await fixture(html`<div></div>`).then((div) => div.append(el));
      const { detail } = await failed;
      expect(detail.error).to.include({ status: 500, code: 'INTERNAL' });
      await waitUntil(() => root(el).querySelector('[part~="state-error"]'));
      const state = root(el).querySelector('[part~="state-error"]')!;
      expect(norm(state.textContent)).to.include('Le serveur a rencontré une erreur');
      await expect(el).to.be.accessible();
      // The server recovers; "Réessayer" reloads.
      await useFake();
      button(state, 'Réessayer').click();
      await waitForRows(el, 'integrated');
    });

    it('says in words that the session expired (401)', async () => {
      const { el } = await mount({ scenario: 'expired-token' });
      await waitUntil(() => root(el).querySelector('[part~="state-unauthorized"]'));
      const text = norm(root(el).textContent);
      expect(text).to.include('Session expirée');
      expect(text).to.include('Reconnectez-vous');
      expect(root(el).querySelector('button.retry')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('says in words that access is denied (403)', async () => {
      const { el } = await mount({ scenario: 'forbidden' });
      await waitUntil(() => root(el).querySelector('[part~="state-unauthorized"]'));
      expect(norm(root(el).textContent)).to.include('Seuls les administrateurs du CFA y ont accès');
      await expect(el).to.be.accessible();
    });

    it('turns a malformed response into an error state, not a crash', async () => {
      await useFake(
        {},
        http.get(`${BASE}/contracts`, () => HttpResponse.json({ total: 'many', items: null })),
      );
      const el = await fixture<ErpSyncData>(html`<erp-sync-data .token=${TOKEN}></erp-sync-data>`);
      await waitUntil(() => section(el, 'integrated')?.querySelector('[part~="state-error"]'));
      expect(norm(section(el, 'integrated').textContent)).to.include('réponse inattendue');
      // The status header still works: one bad endpoint does not take the screen down.
      expect(root(el).querySelector('[part="status"]')).to.not.equal(null);
    });
  });

  describe('safety and languages', () => {
    it('renders a hostile learner name as text', async () => {
      const hostile = '<img src=x onerror=alert(1)>';
      const { el } = await mount({
        extraIntegrated: [{ nomApprenant: hostile, prenomApprenant: '<b>x</b>', nomEntreprise: '"><script>alert(2)</script>' }],
      });
      await waitForRows(el, 'integrated');
      expect(learners(el, 'integrated')[0]).to.equal(`${hostile} <b>x</b>`);
      rows(el, 'integrated')[0].querySelector<HTMLButtonElement>('button.disclosure')!.click();
      await el.updateComplete;
      expect(root(el).querySelector('img')).to.equal(null);
      expect(root(el).querySelector('script')).to.equal(null);
      expect(root(el).querySelector('b')).to.equal(null);
      expect(norm(root(el).querySelector('tr.detail:not([hidden])')!.textContent)).to.include(hostile);
    });

    it('re-renders everything in English when lang switches', async () => {
      const { el } = await mount();
      await waitForRows(el, 'rejected');
      el.lang = 'en';
      await el.updateComplete;
      const text = norm(root(el).textContent);
      expect(text).to.include('Last synchronised on 12/03/2026 at 02:02');
      expect(text).to.include('Integrated contracts (120)');
      expect(text).to.include('Non-integrated contracts (30)');
      expect(text).to.include('Employer missing: fill in Employer (nomEntreprise) in the ERP.');
      expect(text).to.include('Previous version kept');
      expect(text).to.include('1–50 of 120');
      expect(text).to.include('Employer missing · 10');
      expect(norm(root(el).querySelector('label')!.textContent)).to.equal('Search contracts');
      expect(text).to.not.include('Contrats intégrés');
      expect(el.getAttribute('lang')).to.equal('en');
      await expect(el).to.be.accessible();
    });

    it('lets two instances work side by side', async () => {
      await useFake();
      const wrap = await fixture<HTMLDivElement>(html`<div>
        <erp-sync-data .token=${TOKEN}></erp-sync-data>
        <erp-sync-data .token=${TOKEN} lang="en" page-size="5"></erp-sync-data>
      </div>`);
      const [a, b] = [...wrap.querySelectorAll('erp-sync-data')];
      await waitForRows(a, 'integrated');
      await waitForRows(b, 'integrated');
      type(a, 'helene');
      await waitUntil(() => learners(a, 'integrated').length > 0 && learners(a, 'integrated').every((n) => n.includes('Hélène')));
      expect(rows(b, 'integrated')).to.have.length(5);
      expect(norm(b.shadowRoot!.textContent)).to.include('Integrated contracts (120)');
      expect(norm(a.shadowRoot!.textContent)).to.include('Contrats intégrés');
    });
  });
  describe('review fixes', () => {
    const active = (el: ErpSyncData) => root(el).activeElement as HTMLElement | null;
    const announcer = (el: ErpSyncData) => root(el).querySelector('[part="announcer"]')!;
    const summaries = (requests: URL[]) => requests.filter((u) => u.pathname.endsWith('/summary')).length;

    it('keeps a pressed reason chip after a search leaves it no match, and the empty state can remove it', async () => {
      const { el, api } = await mount();
      await waitForRows(el, 'rejected');
      button(section(el, 'rejected'), 'Entreprise manquante').click();
      await waitUntil(() => norm(section(el, 'rejected').querySelector('h2')!.textContent) === 'Contrats non intégrés (10)');
      // C500001 is rejected for another reason (an invalid tutor email).
      type(el, 'C500001');
      await waitUntil(() => section(el, 'rejected').querySelector('[part~="state-empty"]'), 'the empty state');
      const chip = section(el, 'rejected').querySelector<HTMLButtonElement>('[data-reason="EMPLOYER_MISSING"]');
      expect(chip, 'the pressed chip is still drawn').to.not.equal(null);
      expect(chip!.getAttribute('aria-pressed')).to.equal('true');
      expect(norm(chip!.textContent)).to.equal('Entreprise manquante · 0');
      const empty = section(el, 'rejected').querySelector('[part~="state-empty"]')!;
      expect(norm(empty.textContent)).to.include('Aucun contrat ne correspond à « C500001 » avec le motif « Entreprise manquante ».');
      await expect(el).to.be.accessible();
      const clear = button(empty, 'Retirer le filtre « Entreprise manquante »');
      clear.focus();
      clear.click();
      await waitUntil(() => norm(section(el, 'rejected').querySelector('h2')!.textContent) === 'Contrats non intégrés (1)');
      await waitForRows(el, 'rejected');
      expect(learners(el, 'rejected')).to.have.length(1);
      expect(api.requests.at(-1)!.searchParams.has('reason')).to.equal(false);
      expect(active(el)?.id).to.equal('rejected-heading');
      await waitUntil(() => norm(announcer(el).textContent) === '1 non intégré');
    });

    it('polls a started run with backoff, keeps the focused button, refreshes and announces the outcome', async () => {
      const { el, api } = await mount({ canRun: true, runningPolls: 2 });
      await waitForRows(el, 'integrated');
      const start = button(root(el), 'Lancer une synchronisation');
      start.focus();
      const started = oneEvent(el, 'erp-sync-run-started');
      start.click();
      expect((await started).detail).to.deep.equal({ runId: 'run-43' });
      await waitForText(el, 'En cours');
      const running = root(el).querySelector<HTMLButtonElement>('button.start-run')!;
      expect(norm(running.textContent)).to.equal('Synchronisation en cours…');
      expect(running.getAttribute('aria-disabled')).to.equal('true');
      expect(active(el)).to.equal(running);
      const lists = api.requests.filter((u) => u.pathname.endsWith('/contracts')).length;
      running.click(); // ignored while running
      expect(api.started).to.have.length(1);
      const t0 = performance.now();
      await waitUntil(() => norm(root(el).querySelector('[data-meta="status"]')?.textContent) === 'Réussie', 'the run finished', {
        timeout: 10_000,
      });
      // Two polls (1 s, then 2 s later), then the refresh.
      expect(performance.now() - t0).to.be.greaterThan(2500);
      expect(summaries(api.requests)).to.be.within(4, 5);
      await waitUntil(() => api.requests.filter((u) => u.pathname.endsWith('/contracts')).length >= lists + 2, 'tables refreshed');
      expect(norm(announcer(el).textContent)).to.equal('La synchronisation est terminée.');
      expect(running.getAttribute('aria-disabled')).to.equal('false');
      expect(active(el)).to.equal(running);
      await expect(el).to.be.accessible();
    });

    it('stops polling once removed from the page', async () => {
      const { el, api } = await mount({ canRun: true, runningPolls: 100 });
      await waitForRows(el, 'integrated');
      button(root(el), 'Lancer une synchronisation').click();
      await waitForText(el, 'En cours');
      el.remove();
      const count = summaries(api.requests);
      await aTimeout(2500);
      expect(summaries(api.requests)).to.equal(count);
    });

    it('draws the start button for a never-synced organisation that can run', async () => {
      const { el, api } = await mount({ scenario: 'never-synced', canRun: true });
      await waitForText(el, 'Aucune synchronisation pour l’instant');
      button(root(el), 'Lancer une synchronisation').click();
      await waitUntil(() => api.started.length === 1);
      await expect(el).to.be.accessible();
    });

    it('after Approuver, the focus goes to the status heading, not <body>', async () => {
      const { el } = await mount({ scenario: 'held' });
      await waitForText(el, 'En attente d’approbation');
      const approve = button(root(el).querySelector('[part="run-held"]')!, 'Approuver');
      approve.focus();
      approve.click();
      await el.updateComplete;
      expect(approve.getAttribute('aria-disabled')).to.equal('true');
      await waitForText(el, 'Réussie');
      await waitUntil(() => active(el)?.id === 'erp-sync-status-heading', 'focus on the status heading');
      expect(document.activeElement).to.equal(el);
    });

    it('after Réessayer, the focus goes to the status heading', async () => {
      const { el } = await mount({ scenario: 'server-error' });
      await waitUntil(() => root(el).querySelector('[part~="state-error"] button.retry'));
      const retry = root(el).querySelector<HTMLButtonElement>('button.retry')!;
      retry.focus();
      await useFake();
      retry.click();
      await waitForRows(el, 'integrated');
      await waitUntil(() => active(el)?.id === 'erp-sync-status-heading', 'focus on the status heading');
    });

    it('Exporter stays focused and aria-disabled during the download (a second click is ignored)', async () => {
      const api = await useFake(
        {},
        http.get(`${BASE}/contracts.csv`, async () => {
          await delay(400);
          return undefined;
        }),
      );
      const el = await fixture<ErpSyncData>(html`<erp-sync-data .token=${TOKEN}></erp-sync-data>`);
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
      expect(api.requests.filter((u) => u.pathname.endsWith('/contracts.csv'))).to.have.length(1);
      expect(active(el)).to.equal(exportButton);
    });

    it('"Page suivante" reaching the last page keeps the focus (aria-disabled)', async () => {
      const { el, api } = await mount({}, { pageSize: 100 });
      await waitForRows(el, 'integrated');
      const next = button(section(el, 'integrated').querySelector('nav')!, 'Page suivante');
      next.focus();
      next.click();
      await waitUntil(() => norm(section(el, 'integrated').querySelector('nav')!.textContent).includes('101–120 sur 120'));
      await waitForRows(el, 'integrated');
      expect(next.isConnected).to.equal(true);
      expect(next.getAttribute('aria-disabled')).to.equal('true');
      expect(active(el)).to.equal(next);
      const count = api.requests.length;
      next.click();
      await aTimeout(100);
      expect(api.requests.length).to.equal(count);
      expect(norm(announcer(el).textContent)).to.equal('Contrats intégrés sur la plateforme : 101–120 sur 120');
    });

    it('announces search results in one always-present polite live region', async () => {
      await useFake();
      const el = await fixture<ErpSyncData>(html`<erp-sync-data></erp-sync-data>`);
      const region = announcer(el);
      expect(region.getAttribute('aria-live')).to.equal('polite');
      expect(region.classList.contains('visually-hidden')).to.equal(true);
      el.token = TOKEN;
      await waitForRows(el, 'integrated');
      expect(announcer(el)).to.equal(region);
      type(el, 'helene');
      await waitUntil(() => norm(region.textContent) !== '', 'an announcement');
      expect(norm(region.textContent)).to.equal('12 contrats intégrés et 3 non intégrés pour « helene »');
      el.lang = 'en';
      type(el, 'zzzz');
      await waitUntil(() => norm(region.textContent) === '0 integrated contracts and 0 non-integrated for “zzzz”');
      await expect(el).to.be.accessible();
    });

    it('loading a search over shown rows moves nothing and dims no text', async () => {
      await useFake(
        {},
        http.get(`${BASE}/contracts`, async ({ request }) => {
          if (new URL(request.url).searchParams.get('q')) await delay(1000);
          return undefined;
        }),
      );
      const el = await fixture<ErpSyncData>(html`<erp-sync-data .token=${TOKEN}></erp-sync-data>`);
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

    it("treats token '' as not ready: nothing is requested without Authorization", async () => {
      const api = await useFake();
      const el = await fixture<ErpSyncData>(html`<erp-sync-data .token=${''}></erp-sync-data>`);
      await aTimeout(150);
      expect(api.requests).to.have.length(0);
      el.token = TOKEN;
      await waitForRows(el, 'integrated');
      expect(api.authorizations.every((a) => a === `Bearer ${TOKEN}`)).to.equal(true);
    });

    it('calls a token function once for all its requests', async () => {
      const api = await useFake();
      let calls = 0;
      const el = await fixture<ErpSyncData>(html`<erp-sync-data
        .token=${async () => {
          calls += 1;
          return TOKEN;
        }}
      ></erp-sync-data>`);
      await waitForRows(el, 'integrated');
      await waitForRows(el, 'rejected');
      type(el, 'helene');
      await waitUntil(() => api.requests.filter((u) => u.searchParams.get('q') === 'helene').length === 2);
      await waitForRows(el, 'integrated');
      expect(calls).to.equal(1);
    });

    it('a rotated token keeps the page and reloads nothing; the next request carries it', async () => {
      const { el, api } = await mount({ scenario: 'large' });
      await waitForRows(el, 'integrated');
      button(section(el, 'integrated').querySelector('nav')!, 'Page suivante').click();
      await waitUntil(() => norm(section(el, 'integrated').querySelector('nav')!.textContent).includes('51–100 sur 20 000'));
      await waitForRows(el, 'integrated');
      const count = api.requests.length;
      let calls = 0;
      el.token = async () => {
        calls += 1;
        return TOKEN;
      };
      await el.updateComplete;
      await aTimeout(200);
      expect(api.requests.length).to.equal(count);
      expect(norm(section(el, 'integrated').querySelector('nav')!.textContent)).to.include('51–100 sur 20 000');
      button(section(el, 'integrated').querySelector('nav')!, 'Page suivante').click();
      await waitUntil(() => norm(section(el, 'integrated').querySelector('nav')!.textContent).includes('101–150 sur 20 000'));
      expect(calls).to.equal(1);
    });

    it('preventDefault() on erp-sync-export suppresses the browser download; without it the file is saved', async () => {
      const { el } = await mount();
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
        await exported;
        await el.updateComplete;
        await aTimeout(50);
        expect(clicked).to.have.length(0);

        exported = oneEvent(el, 'erp-sync-export');
        button(section(el, 'rejected'), 'Exporter en CSV').click();
        await exported;
        await waitUntil(() => clicked.length === 1, 'the download link clicked');
        expect(clicked[0].download).to.equal('non-integres.csv');
        expect(clicked[0].href).to.match(/^blob:/);
      } finally {
        HTMLAnchorElement.prototype.click = realClick;
      }
    });

    it("says a known API error in the UI language, not the server's French message", async () => {
      await useFake(
        { canRun: true },
        http.post(`${BASE}/runs`, () =>
          HttpResponse.json(
            { error: { code: 'RUN_IN_PROGRESS', message: 'Un import est déjà en cours pour cette organisation.' } },
            { status: 409 },
          ),
        ),
      );
      const el = await fixture<ErpSyncData>(html`<erp-sync-data .token=${TOKEN} lang="en"></erp-sync-data>`);
      await waitForRows(el, 'integrated');
      button(root(el), 'Run a synchronisation').click();
      await waitUntil(() => root(el).querySelector('[part="action-error"]'));
      expect(norm(root(el).querySelector('[part="action-error"]')!.textContent)).to.equal(
        'The action failed: A synchronisation is already running. Try again once it has finished.',
      );
    });
  });
});
