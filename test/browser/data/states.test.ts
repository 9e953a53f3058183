/**
 * <erp-sync-data> in each state, on the real server app in MSW: loading, waiting for a token,
 * never synced, failed and held runs, a large organisation, server errors, an expired session,
 * a refused access, a malformed answer. The app produces each state itself (its QA scenarios, a
 * token it refuses); only a slow or malformed answer is staged with an override.
 */
import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { contractList } from '../../../contract/api.ts';
import '../../../widget/data/erp-sync-data.ts';
import type { ErpSyncData } from '../../../widget/data/erp-sync-data.component.ts';
import { ApiError } from '../../../widget/shared/api-client.ts';
import { API, delay, http, HttpResponse, useMockApi } from '../support/mock.ts';
import { useRequestLog } from '../support/requests.ts';
import { button, norm, root, rows, section, waitForRows, waitForText, waitUntil } from './helpers.ts';

const backend = useMockApi();
const requests = useRequestLog();
afterEach(async function () {
  this.timeout(60_000);
  if (backend.mock.scenario !== 'normal') await backend.mock.use('normal');
});

async function mount(token: string = backend.mock.token): Promise<ErpSyncData> {
  return fixture<ErpSyncData>(html`<erp-sync-data .token=${token}></erp-sync-data>`);
}

/** Mounts without waiting, listening for erp-sync-error from the start. */
async function mountFailing(token: string = backend.mock.token): Promise<{ el: ErpSyncData; failed: Promise<CustomEvent> }> {
  const el = document.createElement('erp-sync-data');
  el.token = token;
  const failed = oneEvent(el, 'erp-sync-error');
  await fixture(html`<div>${el}</div>`);
  return { el, failed };
}

describe('<erp-sync-data> states', () => {
  it('draws a loading state while the first answers are on their way', async () => {
    backend.mock.override(
      http.all(`${API}/*`, async () => {
        await delay(800);
        return undefined;
      }),
    );
    const el = await mount();
    const loading = root(el).querySelector('[part~="state-loading"]')!;
    expect(norm(loading.textContent)).to.equal('Chargement…');
    expect(loading.getAttribute('role')).to.equal('status');
    await expect(el).to.be.accessible();
    await waitForRows(el, 'integrated');
  });

  it('requests nothing before a token is given (undefined or ""), then uses it', async () => {
    const el = await fixture<ErpSyncData>(html`<erp-sync-data></erp-sync-data>`);
    el.token = '';
    await aTimeout(150);
    expect(requests.all).to.have.length(0);
    expect(root(el).querySelector('[part~="state-loading"]')).to.not.equal(null);
    el.token = async () => backend.mock.token;
    await waitForRows(el, 'integrated');
    expect(requests.all.every((r) => r.authorization === `Bearer ${backend.mock.token}`)).to.equal(true);
  });

  it('never synced: says so, and offers the first run to an organisation whose source runs on demand', async function () {
    this.timeout(60_000);
    await backend.mock.use('never-synced');
    const el = await mount();
    await waitForText(el, 'Aucune synchronisation pour l’instant');
    expect(root(el).querySelector('table')).to.equal(null);
    await expect(el).to.be.accessible();
    const started = oneEvent(el, 'erp-sync-run-started');
    button(root(el), 'Lancer une synchronisation').click();
    const { detail } = await started;
    expect(detail.runId).to.be.a('string').and.not.equal('');
    await waitForRows(el, 'integrated');
  });

  it('failed: says in words what happened and what to do (plain-words.test.ts: the technical detail)', async function () {
    this.timeout(60_000);
    await backend.mock.use('failed');
    const { lastRun } = await backend.client.summary();
    expect(lastRun?.status).to.equal('failed');
    const el = await mount();
    await waitForText(el, 'Échouée');
    // The failure's words come with their piece, fetched once a failed run is shown.
    await waitUntil(() => root(el).querySelector('[part="run-error"] [role="alert"]'), 'the failure is drawn');
    const alert = root(el).querySelector('[part="run-error"] [role="alert"]')!;
    expect(norm(alert.textContent)).to.include('Les données de la synchronisation précédente restent en place.');
    expect(norm(alert.textContent)).to.not.include(lastRun!.error!);
    await expect(el).to.be.accessible();
  });

  it('held: says how many contracts the run would archive, and Approuver applies it', async function () {
    this.timeout(60_000);
    await backend.mock.use('held');
    const { lastRun } = await backend.client.summary();
    const { wouldArchive, integrated } = lastRun!.held!;
    const el = await mount();
    await waitForText(el, 'En attente d’approbation');
    // The notice is drawn by the approval module, fetched as soon as a held run is shown.
    await waitUntil(() => root(el).querySelector('[part="run-held"]'), 'the held notice is drawn');
    const held = root(el).querySelector('[part="run-held"]')!;
    expect(norm(held.textContent).replace(/(\d) (\d)/g, '$1$2')).to.include(
      `elle archiverait ${wouldArchive} contrats sur ${integrated} intégrés`,
    );
    await expect(el).to.be.accessible();
    const approve = button(held, 'Approuver');
    approve.focus();
    const approved = oneEvent(el, 'erp-sync-run-approved');
    // A decision, not a click: the dialog says what would happen (approve-dialog.test.ts), then confirms.
    approve.click();
    await waitUntil(() => root(el).querySelector<HTMLDialogElement>('dialog.approve-dialog')?.open, 'the confirmation dialog');
    const dialog = root(el).querySelector<HTMLDialogElement>('dialog.approve-dialog')!;
    button(dialog, 'Confirmer l’approbation').click();
    await el.updateComplete;
    expect(approve.getAttribute('aria-disabled')).to.equal('true');
    expect((await approved).detail).to.deep.equal({ runId: lastRun!.id });
    // The summary is fetched again: the run is applied, its notice and button gone.
    await waitForText(el, 'Réussie');
    expect(root(el).querySelector('[part="run-held"]')).to.equal(null);
    // The focus goes to the status heading, not <body>.
    await waitUntil(() => root(el).activeElement?.id === 'erp-sync-status-heading', 'focus on the status heading');
    expect((await backend.client.summary()).lastRun?.status).to.equal('succeeded');
  });

  it('large organisation (20,000 contracts): shows page 1 and pages, never fetching everything', async function () {
    this.timeout(180_000);
    await backend.mock.use('large');
    const { total } = await backend.client.contracts({ status: 'integrated', limit: 1 });
    const el = await mount();
    await waitForRows(el, 'integrated');
    const formatted = total.toLocaleString('fr-FR').replace(/\s/g, ' ');
    expect(norm(section(el, 'integrated').querySelector('h2')!.textContent)).to.equal(`Contrats intégrés (${formatted})`);
    expect(rows(el, 'integrated')).to.have.length(50);
    const pager = () => section(el, 'integrated').querySelector('nav[part="pager"]')!;
    expect(norm(pager().textContent)).to.include(`1–50 sur ${formatted}`);
    button(pager(), 'Page suivante').click();
    await waitUntil(() => norm(pager().textContent).includes(`51–100 sur ${formatted}`), 'page 2', { timeout: 10_000 });
    await waitForRows(el, 'integrated');
    expect(rows(el, 'integrated')).to.have.length(50);
    const lists = requests.to('/contracts');
    expect(lists.every((r) => r.url.searchParams.get('limit') === '50')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('server error: an error with a retry that works, and erp-sync-error', async function () {
    this.timeout(60_000);
    await backend.mock.use('server-error');
    const { el, failed } = await mountFailing();
    const { detail } = await failed;
    expect(detail.error).to.be.instanceOf(ApiError);
    expect(detail.error).to.include({ status: 500 });
    await waitUntil(() => root(el).querySelector('[part~="state-error"]'));
    const state = root(el).querySelector('[part~="state-error"]')!;
    expect(norm(state.textContent)).to.include('Le serveur a rencontré une erreur');
    await expect(el).to.be.accessible();
    // The server recovers; "Réessayer" reloads, and the focus lands on the status heading.
    await backend.mock.use('normal');
    const retry = button(state, 'Réessayer');
    retry.focus();
    retry.click();
    await waitForRows(el, 'integrated');
    await waitUntil(() => root(el).activeElement?.id === 'erp-sync-status-heading', 'focus on the status heading');
  });

  it('expired session (401): says it in words, with no pointless retry', async () => {
    const expired = await backend.mock.signToken({ ttlSeconds: -60 });
    const { el, failed } = await mountFailing(expired);
    expect((await failed).detail.error).to.include({ status: 401 });
    await waitUntil(() => root(el).querySelector('[part~="state-unauthorized"]'));
    const text = norm(root(el).textContent);
    expect(text).to.include('Session expirée');
    expect(text).to.include('Reconnectez-vous');
    expect(root(el).querySelector('button.retry')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('refused access (403, not an administrator): says it in words', async () => {
    const viewer = await backend.mock.signToken({ role: 'viewer' });
    const { el, failed } = await mountFailing(viewer);
    expect((await failed).detail.error).to.include({ status: 403 });
    await waitUntil(() => root(el).querySelector('[part~="state-unauthorized"]'));
    expect(norm(root(el).textContent)).to.include('Seuls les administrateurs du CFA y ont accès');
    await expect(el).to.be.accessible();
  });

  it('a malformed answer becomes an error state of that table only, not a crash', async () => {
    backend.mock.override(
      http.get(`${API}/contracts`, ({ request }) =>
        new URL(request.url).searchParams.get('status') === 'integrated'
          ? HttpResponse.json({ total: 'many', items: null } as unknown as contractList)
          : undefined,
      ),
    );
    const { el, failed } = await mountFailing();
    expect((await failed).detail.error).to.include({ code: 'BAD_RESPONSE' });
    await waitUntil(() => section(el, 'integrated')?.querySelector('[part~="state-error"]'));
    expect(norm(section(el, 'integrated').textContent)).to.include('réponse inattendue');
    // The status header and the other table still work: one bad answer does not take the screen down.
    expect(root(el).querySelector('[part="status"]')).to.not.equal(null);
    await waitForRows(el, 'rejected');
    await expect(el).to.be.accessible();
  });
});
