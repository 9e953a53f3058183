/**
 * <erp-sync-history> on a phone (390 px wide) and its trend chart's title, on the real app in
 * MSW: an opened day, with a contract's changes opened, never makes the page wider than the
 * screen (long codes and emails wrap); the chart's title says over how many days it has data.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { historyDay } from '../../../contract/api.ts';
import '../../../widget/history/erp-sync-history.ts';
import type { ErpSyncHistory } from '../../../widget/history/erp-sync-history.component.ts';
import { useMockApi } from '../support/mock.ts';
import { contracts, day, norm, openContract, openDay, root, waitForDays, waitUntil } from './helpers.ts';

const backend = useMockApi();
let allDays: historyDay[];

before(async () => {
  allDays = (await backend.client.history({ limit: 366 })).days;
});

after(async () => {
  await setViewport({ width: 800, height: 600 });
});

async function mount(): Promise<ErpSyncHistory> {
  return fixture<ErpSyncHistory>(html`<erp-sync-history .token=${backend.mock.token}></erp-sync-history>`);
}

/** The page scrolls sideways: something is wider than the screen. */
function overflow(): number {
  return document.documentElement.scrollWidth - document.documentElement.clientWidth;
}

describe('<erp-sync-history> on any screen', () => {
  it('at 390 px, an opened day and a contract’s changes never make the page wider than the screen', async function () {
    this.timeout(60_000);
    await setViewport({ width: 390, height: 844 });
    // The busiest day with updates: the widest tables of before/after values.
    const busiest = [...allDays].filter((d) => d.updated > 0).sort((a, b) => b.updated + b.added - (a.updated + a.added))[0];
    const el = await mount();
    await waitForDays(el);
    const dayEl = day(el, busiest.date);
    await openDay(el, dayEl);
    expect(overflow(), 'page overflow with a day opened').to.be.at.most(0);
    for (const contract of contracts(dayEl).slice(0, 3)) {
      const details = await openContract(el, contract);
      await waitUntil(() => details && !details.hidden, 'the contract’s changes');
    }
    await el.updateComplete;
    expect(overflow(), 'page overflow with changes opened').to.be.at.most(0);
    // Nothing is cut either: the widget itself is no wider than the screen.
    expect(el.getBoundingClientRect().right).to.be.at.most(390);
    await expect(el).to.be.accessible();
  });

  it('the trend chart’s title says over how many days it has data', async () => {
    await setViewport({ width: 1024, height: 768 });
    const { points } = await backend.client.trend({ days: 30 });
    const el = await mount();
    await waitUntil(
      () => root(el).querySelector('[part="trend"] figcaption') && root(el).querySelector('[part~="trend-series"]'),
      'the chart',
    );
    const first = points[0].date.split('-').reverse().join('/');
    const last = points[points.length - 1].date.split('-').reverse().join('/');
    expect(norm(root(el).querySelector('[part="trend"] figcaption')!.textContent)).to.equal(
      `Évolution sur ${points.length} ${points.length === 1 ? 'jour' : 'jours'} (du ${first} au ${last})`,
    );
  });
});
