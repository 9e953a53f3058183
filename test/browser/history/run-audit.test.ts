/**
 * Audit in the Historique tab, on the real server app in MSW: a day's run says who started,
 * approved or abandoned it and when, as the API records it (the admin JWT's name, else its sub).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../widget/history/erp-sync-history.ts';
import type { ErpSyncHistory } from '../../../widget/history/erp-sync-history.component.ts';
import { useMockApi } from '../support/mock.ts';
import { days, norm, root, waitForDays } from './helpers.ts';

const backend = useMockApi();

async function mount(lang = 'fr'): Promise<ErpSyncHistory> {
  return fixture<ErpSyncHistory>(html`<erp-sync-history .token=${backend.mock.token} lang=${lang}></erp-sync-history>`);
}

describe('<erp-sync-history> who did what', () => {
  it('shows who started a run, in the run’s entry of its day, in French and in English', async () => {
    const { runtime } = backend.mock.backend;
    const { runId, done } = await runtime.runner.startSource(runtime.org.id, { by: { sub: 'u-42', name: 'Marie Dupont' } });
    await done;
    const run = (await runtime.store.getRun(runtime.org.id, runId))!;
    const time = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' }).format(
      new Date(run.events[0].at),
    );

    const el = await mount();
    await waitForDays(el);
    const entry = root(el).querySelector<HTMLElement>(`[part="runs"] li[data-run="${runId}"]`);
    expect(entry, 'the run is listed in its day').to.not.equal(null);
    expect(days(el)[0].contains(entry)).to.equal(true);
    const event = entry!.querySelector<HTMLElement>('.run-event[data-action="started"]')!;
    expect(norm(event.textContent)).to.equal(`· lancé par Marie Dupont à ${time}`);
    // Runs nobody started by hand (the nightly schedule) name nobody.
    const scheduled = root(el).querySelector<HTMLElement>(`[part="runs"] li:not([data-run="${runId}"])`);
    if (scheduled) expect(scheduled.querySelector('.run-event')).to.equal(null);
    await expect(el).to.be.accessible();

    const en = await mount('en');
    await waitForDays(en);
    const enEvent = root(en).querySelector<HTMLElement>(`[part="runs"] li[data-run="${runId}"] .run-event`)!;
    expect(norm(enEvent.textContent)).to.match(/^· started by Marie Dupont at \d{1,2}:\d{2}( [AP]M)?$/);
  });
});
