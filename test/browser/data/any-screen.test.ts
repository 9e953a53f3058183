/**
 * <erp-sync-data>'s tables on any screen, on the real app in MSW: the learner column stays while
 * the others scroll sideways, with a visible cue that more columns exist; a column chooser
 * remembered per browser; below 600 px rows become cards, and the page never scrolls sideways.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { columnsKey } from '../../../widget/data/column-choice.ts';
import '../../../widget/data/erp-sync-data.ts';
import type { ErpSyncData } from '../../../widget/data/erp-sync-data.component.ts';
import { useMockApi } from '../support/mock.ts';
import { norm, rows, section, waitForRows, waitUntil } from './helpers.ts';

const backend = useMockApi();

afterEach(async () => {
  localStorage.removeItem(columnsKey('integrated'));
  localStorage.removeItem(columnsKey('rejected'));
  await setViewport({ width: 800, height: 600 });
});

async function mount(): Promise<ErpSyncData> {
  const el = await fixture<ErpSyncData>(html`<erp-sync-data .token=${backend.mock.token}></erp-sync-data>`);
  await waitForRows(el, 'integrated');
  await waitForRows(el, 'rejected');
  return el;
}

const headers = (el: ErpSyncData, table: 'integrated' | 'rejected') =>
  [...section(el, table).querySelectorAll('thead th')].map((th) => norm(th.textContent).replace(/[▲▼↕]/g, ''));

describe('<erp-sync-data> tables on any screen', () => {
  it('the learner column stays in view while the table scrolls sideways, with a visible cue of more columns', async () => {
    await setViewport({ width: 800, height: 700 });
    const el = await mount();
    const wrap = section(el, 'integrated').querySelector<HTMLElement>('.table-wrap')!;
    expect(wrap.scrollWidth, 'the table is wider than 800 px').to.be.greaterThan(wrap.clientWidth);
    await waitUntil(() => wrap.hasAttribute('data-more'), 'the cue');
    const hint = section(el, 'integrated').querySelector<HTMLElement>('[part="more-columns"]')!;
    expect(getComputedStyle(hint).display).to.equal('block');
    expect(norm(hint.textContent)).to.equal('D’autres colonnes suivent à droite → faites défiler le tableau.');
    const learner = rows(el, 'integrated')[0].querySelector<HTMLElement>('th[scope="row"]')!;
    const email = rows(el, 'integrated')[0].querySelector<HTMLElement>('td[data-column="email"]')!;
    const before = { learner: learner.getBoundingClientRect().left, email: email.getBoundingClientRect().left };
    wrap.scrollLeft = wrap.scrollWidth;
    await waitUntil(() => !wrap.hasAttribute('data-more') && wrap.hasAttribute('data-scrolled'), 'scrolled to the end');
    expect(learner.getBoundingClientRect().left).to.be.closeTo(before.learner, 1);
    expect(email.getBoundingClientRect().left).to.be.below(before.email - 10);
    expect(getComputedStyle(hint).display).to.equal('none');
    await expect(el).to.be.accessible();
  });

  it('a column chooser hides and shows columns, remembered by this browser', async () => {
    const el = await mount();
    const chooser = section(el, 'integrated').querySelector<HTMLElement>('[part="column-chooser"]')!;
    const toggle = chooser.querySelector<HTMLButtonElement>('button[part="columns-toggle"]')!;
    const fieldset = chooser.querySelector<HTMLFieldSetElement>('fieldset')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(toggle.getAttribute('aria-controls')).to.equal(fieldset.id);
    expect(fieldset.hidden).to.equal(true);
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(fieldset.hidden).to.equal(false);
    // The learner's column is not offered: it always shows.
    expect(fieldset.querySelector('input[data-column="learner"]')).to.equal(null);
    await expect(el).to.be.accessible();
    const email = fieldset.querySelector<HTMLInputElement>('input[data-column="email"]')!;
    expect(email.checked).to.equal(true);
    email.click();
    await el.updateComplete;
    expect(headers(el, 'integrated')).to.not.include('Email');
    expect(rows(el, 'integrated')[0].querySelector('td[data-column="email"]')).to.equal(null);
    expect(JSON.parse(localStorage.getItem(columnsKey('integrated'))!)).to.deep.equal(['email']);
    // The other table keeps its own columns.
    expect(headers(el, 'rejected')).to.include('Email');
    // Another visit (a new element): the choice holds.
    el.remove();
    const again = await mount();
    expect(headers(again, 'integrated')).to.not.include('Email');
    const input = section(again, 'integrated').querySelector<HTMLInputElement>('input[data-column="email"]')!;
    expect(input.checked).to.equal(false);
    input.click();
    await again.updateComplete;
    expect(headers(again, 'integrated')).to.include('Email');
  });

  it('below 600 px rows become cards (learner, formation, company, reasons) and the page never scrolls sideways', async () => {
    await setViewport({ width: 390, height: 844 });
    const el = await mount();
    const row = rows(el, 'rejected')[0];
    expect(getComputedStyle(row).display).to.equal('grid');
    const shown = [...row.querySelectorAll<HTMLElement>('th, td')].filter((c) => getComputedStyle(c).display !== 'none');
    expect(shown.map((c) => c.dataset.column ?? 'disclosure')).to.deep.equal(['disclosure', 'learner', 'formation', 'company', 'reasons']);
    // Each value says what it is.
    const formation = row.querySelector('td[data-column="formation"]')!;
    expect(norm(getComputedStyle(formation, '::before').content.replace(/^"|"$/g, ''))).to.equal('Formation :');
    expect(document.documentElement.scrollWidth).to.be.at.most(document.documentElement.clientWidth);
    // A card's detail opens below it, every field there.
    row.querySelector<HTMLButtonElement>('button.disclosure')!.click();
    await waitUntil(() => section(el, 'rejected').querySelector('dl.fields'), 'the detail');
    expect(document.documentElement.scrollWidth).to.be.at.most(document.documentElement.clientWidth);
    await expect(el).to.be.accessible();
  });
});
