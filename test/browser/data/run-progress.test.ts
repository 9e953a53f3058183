/**
 * A running run in <erp-sync-data>'s status header, on the real server app in MSW: its phase and
 * a progress bar moving while the ERP is read, its phase said once, and the button that abandons
 * a run stuck as running (nothing applied, recorded, the event fired, the header back to normal).
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../../widget/data/erp-sync-data.ts';
import type { ErpSyncData } from '../../../widget/data/erp-sync-data.component.ts';
import { useMockApi } from '../support/mock.ts';
import { button, norm, root, waitForRows, waitUntil } from './helpers.ts';

const backend = useMockApi();
afterEach(async () => {
  const { runtime } = backend.mock.backend;
  runtime.control.readDelayMs = 0;
  // A test that failed half-way leaves no run running for the next one.
  const last = (await backend.client.summary()).lastRun;
  if (last?.status === 'running') await runtime.runner.abandon(runtime.org.id, last.id, { sub: 'test', name: null }).catch(() => undefined);
});

async function mount(lang = 'fr'): Promise<ErpSyncData> {
  return fixture<ErpSyncData>(html`<erp-sync-data .token=${backend.mock.token} lang=${lang}></erp-sync-data>`);
}

const bar = (el: ErpSyncData) => root(el).querySelector<HTMLElement>('[role="progressbar"]');
const announcer = (el: ErpSyncData) => root(el).querySelector('[part="announcer"]')!;

describe('<erp-sync-data> a running run', () => {
  it('shows its phase and progress, says the phase, and an abandon stops it with nothing applied', async () => {
    // A slow ERP: the run reads its contracts piece by piece for a while.
    backend.mock.backend.runtime.control.readDelayMs = 30_000;
    const before = await backend.client.summary();
    const el = await mount();
    await waitForRows(el, 'integrated');
    button(root(el), 'Lancer une synchronisation').click();
    await waitUntil(() => bar(el) !== null, 'a progress bar', { timeout: 15_000 });
    const progress = bar(el)!;
    expect(progress.getAttribute('aria-valuemin')).to.equal('0');
    // While the ERP is read, how many contracts it sends is not known yet: the bar is
    // indeterminate (no max, no now) and says how many were read so far.
    expect(progress.hasAttribute('aria-valuemax')).to.equal(false);
    expect(progress.hasAttribute('aria-valuenow')).to.equal(false);
    expect(progress.getAttribute('aria-valuetext')).to.match(/^Lecture des données de l’ERP\u202f: \d[\d\s\u202f]* contrats$/);
    const phase = norm(root(el).querySelector('.run-progress .phase')?.textContent);
    await waitUntil(() => norm(announcer(el).textContent) === phase, `the phase "${phase}" said`);
    await expect(el).to.be.accessible();

    const abandon = button(root(el), 'Abandonner l’import');
    expect(abandon.getAttribute('aria-describedby')).to.equal('erp-sync-abandon-hint');
    const runId = (await backend.client.summary()).lastRun!.id;
    const abandoned = oneEvent(el, 'erp-sync-run-abandoned');
    abandon.click();
    expect((await abandoned).detail.runId).to.equal(runId);
    await waitUntil(() => bar(el) === null, 'the progress bar gone');
    await waitUntil(() => norm(root(el).querySelector('[data-meta="status"]')?.textContent) === 'Échouée', 'the run shown failed');
    const { runtime } = backend.mock.backend;
    const run = (await runtime.store.getRun(runtime.org.id, runId))!;
    expect(run.status).to.equal('failed');
    expect(run.failure).to.equal('abandoned');
    expect(run.events.map((e) => e.action)).to.deep.equal(['started', 'abandoned']);
    // Nothing of it applied: the platform's totals are those of before.
    expect((await backend.client.summary()).totals).to.deep.equal(before.totals);
    expect(root(el).activeElement?.id).to.equal('erp-sync-status-heading');
  });

  it('in English', async () => {
    backend.mock.backend.runtime.control.readDelayMs = 30_000;
    const el = await mount('en');
    await waitForRows(el, 'integrated');
    button(root(el), 'Run a synchronisation').click();
    await waitUntil(() => bar(el) !== null, 'a progress bar', { timeout: 15_000 });
    expect(bar(el)!.getAttribute('aria-valuetext')).to.match(/^Reading the ERP’s data: \d[\d,]* contracts$/);
    button(root(el), 'Abandon the import').click();
    await waitUntil(() => bar(el) === null, 'the progress bar gone');
  });
});
