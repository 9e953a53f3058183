/**
 * What a non-technical administrator reads in <erp-sync-data>, on the real app in MSW: the
 * non-integrated table tells homonyms apart (email, company), a contract's detail puts the fields
 * to fix first, a failed run says what happened and what to do (the technical error behind a
 * disclosure), an expired session is said without jargon and fires `erp-sync-auth-expired`, and
 * the status block keeps the last run's counts apart from the platform's totals.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../../widget/data/erp-sync-data.ts';
import type { ErpSyncData } from '../../../widget/data/erp-sync-data.component.ts';
import { useMockApi } from '../support/mock.ts';
import { norm, root, rows, section, waitForRows, waitForText, waitUntil } from './helpers.ts';

const backend = useMockApi();
afterEach(async function () {
  this.timeout(60_000);
  if (backend.mock.scenario !== 'normal') await backend.mock.use('normal');
});

async function mount(token: string = backend.mock.token): Promise<ErpSyncData> {
  return fixture<ErpSyncData>(html`<erp-sync-data .token=${token}></erp-sync-data>`);
}

/** "18 240" -> "18240". */
const digits = (s: string | null | undefined) => norm(s).replace(/(\d) (\d)/g, '$1$2');

describe('<erp-sync-data> in plain words', () => {
  it('the non-integrated table shows each learner’s email and company', async () => {
    const list = await backend.client.contracts({ status: 'rejected', limit: 50 });
    const el = await mount();
    await waitForRows(el, 'rejected');
    const headers = [...section(el, 'rejected').querySelectorAll('thead th')].map((th) =>
      norm(th.textContent).replace(/[▲▼↕]/g, '').trim(),
    );
    expect(headers).to.include.members(['Email', 'Entreprise']);
    const emailColumn = headers.indexOf('Email');
    const companyColumn = headers.indexOf('Entreprise');
    const first = list.items[0];
    const cells = [...rows(el, 'rejected')[0].querySelectorAll('th, td')];
    expect(norm(cells[emailColumn].textContent)).to.equal(norm(first.data.emailApprenant) || '—');
    expect(norm(cells[companyColumn].textContent)).to.equal(norm(first.data.nomEntreprise) || '—');
  });

  it('a non-integrated contract’s detail lists the fields to fix first, flagged in words', async () => {
    const list = await backend.client.contracts({ status: 'rejected', limit: 50 });
    const index = list.items.findIndex((i) => i.reasons.some((r) => r.field !== 'codeContrat'));
    const item = list.items[index];
    const faulty = [...new Set(item.reasons.map((r) => r.field))];
    const el = await mount();
    await waitForRows(el, 'rejected');
    rows(el, 'rejected')[index].querySelector<HTMLButtonElement>('button.disclosure')!.click();
    await waitUntil(() => section(el, 'rejected').querySelector('dl.fields'), 'the detail');
    const fields = [...section(el, 'rejected').querySelectorAll<HTMLElement>('dl.fields .field')];
    const flagged = fields.filter((f) => f.classList.contains('flagged')).map((f) => f.dataset.field);
    expect(flagged).to.have.members(faulty.filter((f) => fields.some((x) => x.dataset.field === f)));
    // Flagged first, each saying so in words (not by color alone).
    expect(fields.slice(0, flagged.length).every((f) => f.classList.contains('flagged'))).to.equal(true);
    for (const f of fields.slice(0, flagged.length)) expect(norm(f.querySelector('dt')!.textContent)).to.include('À corriger');
    await expect(el).to.be.accessible();
  });

  it('the status block labels the last run’s counts apart from the platform’s totals, and its start and finish', async () => {
    const { lastRun, totals } = await backend.client.summary();
    const el = await mount();
    await waitForText(el, 'Sur la plateforme maintenant');
    const status = root(el).querySelector('[part="status"]')!;
    const runGroup = status.querySelector('[part="run-counts"]')!;
    const platform = status.querySelector('[part="platform-totals"]')!;
    expect(norm(runGroup.querySelector('h3')!.textContent)).to.equal('Ce que l’ERP a transmis à la dernière synchronisation');
    expect(norm(platform.querySelector('h3')!.textContent)).to.equal('Sur la plateforme maintenant');
    for (const key of ['integrated', 'rejected', 'archived'] as const) {
      expect(digits(platform.querySelector(`[data-total="${key}"]`)!.textContent)).to.equal(String(totals[key]));
    }
    expect(digits(runGroup.querySelector('[data-meta="received"]')!.textContent)).to.equal(String(lastRun!.counts.received));
    const times = status.querySelector('[part="times"]')!;
    const labelled = [...times.querySelectorAll('div')].map(
      (d) => `${norm(d.querySelector('dt')!.textContent)}: ${norm(d.querySelector('dd')!.textContent)}`,
    );
    expect(labelled).to.have.length(2);
    expect(labelled[0]).to.match(/^Début: \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}$/);
    expect(labelled[1]).to.match(/^Fin: \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}$/);
    // "Transmis" differs from "Intégrés + Non intégrés" in the seed: a sentence says why.
    const { received, integrated, rejected } = lastRun!.counts;
    const differ = status.querySelector('[part="counts-differ"]');
    if (received !== integrated + rejected) {
      expect(digits(differ?.textContent)).to.equal(
        `Transmis (${received}) n’est pas égal à intégrés + non intégrés (${integrated + rejected}) : un contrat non intégré dont la dernière version valide reste sur la plateforme est compté dans les deux.`,
      );
    } else {
      expect(differ).to.equal(null);
    }
    await expect(el).to.be.accessible();
  });

  it('a failed run says what happened and what to do; the technical error is behind a disclosure', async function () {
    this.timeout(60_000);
    await backend.mock.use('failed');
    const { lastRun } = await backend.client.summary();
    expect(lastRun?.failure).to.equal('source');
    const el = await mount();
    await waitForText(el, 'Échouée');
    // Drawn by a piece fetched once a failed run is shown (run-failure.ts): it appears.
    await waitUntil(() => root(el).querySelector('[part="run-error"]'), 'the failure is drawn');
    const failure = root(el).querySelector('[part="run-error"]')!;
    expect(norm(failure.querySelector('[role="alert"]')!.textContent)).to.equal(
      'L’ERP n’a pas répondu. Les données de la synchronisation précédente restent en place. Réessayez plus tard ou contactez l’éditeur de l’ERP.',
    );
    const toggle = failure.querySelector<HTMLButtonElement>('button[part="run-error-toggle"]')!;
    const detail = failure.querySelector<HTMLElement>('#run-error-detail')!;
    expect(norm(toggle.textContent).replace('▶', '')).to.equal('Détail technique');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(toggle.getAttribute('aria-controls')).to.equal('run-error-detail');
    expect(detail.hidden).to.equal(true);
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(detail.hidden).to.equal(false);
    expect(detail.textContent).to.equal(lastRun!.error);
    await expect(el).to.be.accessible();
  });

  it('an expired session is said without jargon, and fires erp-sync-auth-expired once, composed', async () => {
    const expired = await backend.mock.signToken({ ttlSeconds: -60 });
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const seen: CustomEvent[] = [];
    host.addEventListener('erp-sync-auth-expired', (e) => seen.push(e));
    const el = document.createElement('erp-sync-data');
    el.token = expired;
    const first = oneEvent(host, 'erp-sync-auth-expired');
    host.append(el);
    const event = await first;
    expect(event.composed).to.equal(true);
    expect(event.detail.error.status).to.equal(401);
    await waitUntil(() => root(el).querySelector('[part~="state-unauthorized"]'), 'the expired state');
    const text = norm(root(el).textContent);
    expect(text).to.include('Votre session a expiré. Reconnectez-vous à la plateforme, puis rechargez cette page.');
    expect(text.toLowerCase()).to.not.include('jeton');
    expect(text.toLowerCase()).to.not.include('token');
    // Every request failed on that token (the status and both tables): one event for all.
    expect(seen).to.have.length(1);
    // A fresh token from the host: everything is asked again.
    el.token = backend.mock.token;
    await waitForRows(el, 'integrated');
    await expect(el).to.be.accessible();
  });
});
