/**
 * Approving a held run is a decision: "Approuver" opens a modal dialog saying what the run would
 * do (counts, the fields the mass-update guard saw changing) and listing the contracts it would
 * archive, searchable and paged, from the real app's GET /runs/:id/preview in MSW. Escape and
 * "Annuler" change nothing and give the focus back; "Confirmer" applies the run, says so in the
 * live region and refreshes the tables.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { fr } from '../../../contract/i18n/fr.ts';
import '../../../widget/data/erp-sync-data.ts';
import type { ErpSyncData } from '../../../widget/data/erp-sync-data.component.ts';
import { lastNameFirst } from '../../../widget/shared/names.ts';
import { API, http, HttpResponse, useMockApi } from '../support/mock.ts';
import { button, norm, root, waitForRows, waitForText, waitUntil } from './helpers.ts';

const backend = useMockApi();

before(async function () {
  this.timeout(120_000);
  await backend.mock.use('held');
});

async function mount(): Promise<ErpSyncData> {
  const el = await fixture<ErpSyncData>(html`<erp-sync-data .token=${backend.mock.token}></erp-sync-data>`);
  await waitForText(el, 'En attente d’approbation');
  await waitForRows(el, 'integrated');
  // The notice and its "Approuver" come with the approval module, fetched once a held run is shown.
  await waitUntil(() => root(el).querySelector('[part="run-held"]'), 'the held notice');
  return el;
}

const dialogOf = (el: ErpSyncData) => root(el).querySelector<HTMLDialogElement>('dialog.approve-dialog')!;
const dialogRows = (el: ErpSyncData) => [...dialogOf(el).querySelectorAll('tbody tr')];
const announcer = (el: ErpSyncData) => root(el).querySelector('[part="announcer"]')!;
const number = (s: string) => s.replace(/(\d) (\d)/g, '$1$2');

/** Types into the dialog's search box as a user would (input events; the controller debounces). */
function type(dialog: HTMLDialogElement, value: string): void {
  const input = dialog.querySelector<HTMLInputElement>('input[type="search"]')!;
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/** Opens the dialog as a keyboard user would, and waits for its first page of contracts. */
async function openDialog(el: ErpSyncData): Promise<{ approve: HTMLButtonElement; dialog: HTMLDialogElement }> {
  const approve = button(root(el).querySelector('[part="run-held"]')!, 'Approuver');
  approve.focus();
  await sendKeys({ press: 'Enter' });
  // The dialog's module comes on demand (approval.ts): drawn once it is in.
  await waitUntil(() => dialogOf(el)?.open && dialogRows(el).length > 0, 'the dialog and its first page');
  const dialog = dialogOf(el);
  return { approve, dialog };
}

describe('<erp-sync-data> approving a held run', () => {
  it('"Approuver" opens a modal dialog with the counts and the contracts the run would archive', async function () {
    this.timeout(60_000);
    const { lastRun } = await backend.client.summary();
    const held = lastRun!.held!;
    const expected = await backend.client.heldPreview(lastRun!.id, { kind: 'archive', limit: 10 });
    const el = await mount();
    const { approve, dialog } = await openDialog(el);
    expect(approve.getAttribute('aria-haspopup')).to.equal('dialog');
    expect(dialog.matches(':modal')).to.equal(true);
    // The title has the focus; the dialog is named by it and described by what would happen.
    expect(root(el).activeElement?.id).to.equal('approve-title');
    expect(norm(dialog.querySelector('#approve-title')!.textContent)).to.equal('Approuver cette synchronisation ?');
    expect(number(norm(dialog.querySelector('#approve-intro')!.textContent))).to.include(
      `Si vous approuvez, ${held.wouldArchive} contrats sur ${held.integrated} intégrés seront archivés`,
    );
    expect(dialog.getAttribute('aria-describedby')).to.equal('approve-intro');
    // The contracts listed are those the API says the run would archive, learner first.
    expect(dialogRows(el)).to.have.length(expected.items.length);
    const first = expected.items[0].contract;
    const firstRow = dialogRows(el)[0];
    expect(norm(firstRow.querySelector('th[scope="row"]')!.textContent)).to.equal(norm(lastNameFirst(first.data)));
    expect(norm(firstRow.querySelectorAll('td')[0].textContent)).to.equal(norm(first.data.nomFormation) || '—');
    expect(norm(firstRow.querySelectorAll('td')[1].textContent)).to.equal(norm(first.data.nomEntreprise) || '—');
    expect(norm(dialog.querySelector('nav[part="approve-pager"]')!.textContent)).to.include(
      `1–${expected.items.length} sur ${expected.total}`,
    );
    // The mass-update guard's view: each field that would change, on how many contracts.
    for (const update of held.fieldUpdates) {
      expect(dialog.querySelector(`li[data-field="${update.field}"]`), update.field).to.not.equal(null);
    }
    await expect(el).to.be.accessible();
    // The focus stays in the dialog: tabbing through it never reaches the page behind.
    for (let i = 0; i < 12; i += 1) {
      await sendKeys({ press: 'Tab' });
      const active = root(el).activeElement;
      if (active) expect(dialog.contains(active), `tab ${i + 1}: ${active.outerHTML.slice(0, 60)}`).to.equal(true);
    }
    dialog.close();
  });

  it('Escape and "Annuler" cancel: nothing approved, the focus back on "Approuver", said in the live region', async function () {
    this.timeout(60_000);
    const el = await mount();
    let approved = false;
    el.addEventListener('erp-sync-run-approved', () => {
      approved = true;
    });
    const { approve, dialog } = await openDialog(el);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open, 'closed by Escape');
    await waitUntil(() => root(el).activeElement === approve, 'the focus back on Approuver');
    expect(norm(announcer(el).textContent)).to.equal('Approbation annulée : rien n’a été modifié.');

    await openDialog(el);
    button(dialog, 'Annuler').click();
    await waitUntil(() => !dialog.open, 'closed by Annuler');
    await waitUntil(() => root(el).activeElement === approve, 'the focus back on Approuver again');
    expect(approved).to.equal(false);
    expect((await backend.client.summary()).lastRun?.status).to.equal('held');
  });

  it('the list is searchable (learner, formation, company) and paged', async function () {
    this.timeout(60_000);
    const { lastRun } = await backend.client.summary();
    const all = await backend.client.heldPreview(lastRun!.id, { kind: 'archive', limit: 10 });
    const company = all.items[0].contract.data.nomEntreprise;
    const byCompany = await backend.client.heldPreview(lastRun!.id, { kind: 'archive', q: company, limit: 10 });
    const el = await mount();
    const { dialog } = await openDialog(el);
    const pager = () => dialog.querySelector('nav[part="approve-pager"]')!;
    if (all.total > 10) {
      button(pager(), 'Page suivante').click();
      await waitUntil(() => norm(pager().textContent).includes('11–'), 'page 2 of the list');
    }
    type(dialog, company);
    const input = dialog.querySelector<HTMLInputElement>('input[type="search"]')!;
    expect(input.value).to.equal(company);
    await waitUntil(
      () => norm(pager().textContent).includes(`sur ${byCompany.total}`) && dialogRows(el).length === byCompany.items.length,
      `the ${byCompany.total} contracts of ${company}`,
    );
    for (const row of dialogRows(el)) expect(norm(row.textContent)).to.include(norm(company));
    type(dialog, 'zzzz-personne');
    await waitUntil(() => norm(dialog.textContent).includes('Aucun contrat concerné ne correspond à « zzzz-personne ».'), 'empty search');
    dialog.close();
  });

  it('the mass-update guard’s view: which fields would change on how many contracts, and those contracts', async function () {
    this.timeout(60_000);
    const { lastRun } = await backend.client.summary();
    const held = lastRun!.held!;
    expect(held.fieldUpdates.length, 'the held run also changes fields').to.be.greaterThan(0);
    const updates = await backend.client.heldPreview(lastRun!.id, { kind: 'update', limit: 10 });
    const el = await mount();
    const { dialog } = await openDialog(el);
    const lines = [...dialog.querySelectorAll('ul.field-updates li')].map((li) => norm(li.textContent));
    expect(lines).to.deep.equal(
      held.fieldUpdates.map((u) => `${fr.fieldLabels[u.field]} : ${u.count} ${u.count > 1 ? 'contrats' : 'contrat'}`),
    );
    const kinds = dialog.querySelector('[role="group"].kinds')!;
    expect(norm(kinds.getAttribute('aria-label'))).to.equal('Contrats concernés');
    const toArchive = kinds.querySelector<HTMLButtonElement>('button[data-kind="archive"]')!;
    const toChange = kinds.querySelector<HTMLButtonElement>('button[data-kind="update"]')!;
    expect(toArchive.getAttribute('aria-pressed')).to.equal('true');
    expect(norm(toArchive.textContent).replace(/(\d) (\d)/g, '$1$2')).to.equal(`À archiver (${held.wouldArchive})`);
    toChange.click();
    await waitUntil(() => dialog.querySelector('caption')?.textContent?.includes('modifiés'), 'the contracts that would change');
    expect(toChange.getAttribute('aria-pressed')).to.equal('true');
    expect(norm(toChange.textContent)).to.equal(`À modifier (${updates.total})`);
    expect(dialogRows(el)).to.have.length(updates.items.length);
    const changed = norm(dialogRows(el)[0].querySelector('td:last-child')!.textContent);
    expect(changed).to.equal(updates.items[0].fields.map((f) => fr.fieldLabels[f as keyof typeof fr.fieldLabels] ?? f).join(', '));
    await expect(el).to.be.accessible();
    dialog.close();
  });

  it('a failed approval is said inside the dialog, which stays open', async function () {
    this.timeout(60_000);
    const el = await mount();
    const { dialog } = await openDialog(el);
    backend.mock.override(
      http.post(`${API}/runs/:id/approve`, () =>
        HttpResponse.json({ error: { code: 'RUN_NOT_HELD', message: 'pas en attente' } }, { status: 409 }),
      ),
    );
    button(dialog, 'Confirmer l’approbation').click();
    await waitUntil(() => dialog.querySelector('[part="approve-error"]'), 'the error in the dialog');
    expect(norm(dialog.querySelector('[part="approve-error"]')!.textContent)).to.equal(
      'L’action a échoué : Cette synchronisation n’est plus en attente d’approbation.',
    );
    expect(dialog.open).to.equal(true);
    dialog.close();
  });

  it('"Confirmer" approves: announced, the status and tables refreshed, the focus on the status heading', async function () {
    this.timeout(60_000);
    const { lastRun } = await backend.client.summary();
    const wouldArchive = lastRun!.held!.wouldArchive;
    const el = await mount();
    const { dialog } = await openDialog(el);
    const approved = oneEvent(el, 'erp-sync-run-approved');
    button(dialog, 'Confirmer l’approbation').click();
    expect((await approved).detail).to.deep.equal({ runId: lastRun!.id });
    await waitUntil(() => !dialog.open, 'closed once approved');
    expect(number(norm(announcer(el).textContent))).to.equal(`Synchronisation approuvée : ${wouldArchive} contrats archivés.`);
    await waitForText(el, 'Réussie');
    expect(root(el).querySelector('[part="run-held"]')).to.equal(null);
    await waitUntil(() => root(el).activeElement?.id === 'erp-sync-status-heading', 'focus on the status heading');
    const after = await backend.client.contracts({ status: 'integrated', limit: 1 });
    await waitUntil(
      () => number(norm(root(el).querySelector('#integrated-heading')!.textContent)) === `Contrats intégrés (${after.total})`,
      'the integrated table refreshed',
    );
    expect((await backend.client.summary()).lastRun?.status).to.equal('succeeded');
  });
});
