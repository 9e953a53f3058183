/**
 * Getting around long tables in <erp-sync-data>, keyboard first, on the real app in MSW: the
 * default sort is said by `aria-sort`, "Page suivante" puts the focus on the first new row, a skip
 * link jumps over a long table, and a search's summary at the top links to each table.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../widget/data/erp-sync-data.ts';
import type { ErpSyncData } from '../../../widget/data/erp-sync-data.component.ts';
import { useMockApi } from '../support/mock.ts';
import { button, norm, root, rows, section, type, waitForRows, waitUntil } from './helpers.ts';

const backend = useMockApi();

async function mount(): Promise<ErpSyncData> {
  const el = await fixture<ErpSyncData>(html`<erp-sync-data .token=${backend.mock.token}></erp-sync-data>`);
  await waitForRows(el, 'integrated');
  return el;
}

describe('<erp-sync-data> long tables, keyboard first', () => {
  it('the default sort column (learner, A to Z) carries aria-sort from the start', async () => {
    const el = await mount();
    const learner = section(el, 'integrated').querySelector('th:has(button[data-sort="learner"])')!;
    expect(learner.getAttribute('aria-sort')).to.equal('ascending');
    const others = [...section(el, 'integrated').querySelectorAll('thead th[aria-sort]')];
    expect(others).to.have.length(1);
  });

  it('after "Page suivante" the focus is on the first row of the new page', async () => {
    const page2 = await backend.client.contracts({ status: 'integrated', limit: 50, offset: 50 });
    const el = await mount();
    const next = button(section(el, 'integrated').querySelector('nav[part="pager"]')!, 'Page suivante');
    next.focus();
    next.click();
    await waitUntil(() => rows(el, 'integrated')[0]?.dataset.key === page2.items[0].codeContrat, 'page 2');
    await waitUntil(() => root(el).activeElement?.closest('tr')?.dataset.key === page2.items[0].codeContrat, 'focus on its first row');
    expect(root(el).activeElement!.matches('button.disclosure')).to.equal(true);
  });

  it('a skip link, shown when focused, jumps over a long table to its pager', async () => {
    const el = await mount();
    const skip = section(el, 'integrated').querySelector<HTMLButtonElement>('button[part="skip-link"]')!;
    expect(norm(skip.textContent)).to.equal('Passer le tableau : Contrats intégrés sur la plateforme');
    // Out of sight until focused, then visible: the next Tab stop after the table's column chooser.
    expect(skip.getBoundingClientRect().width).to.be.at.most(1);
    section(el, 'integrated').querySelector<HTMLButtonElement>('button[part="columns-toggle"]')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement).to.equal(skip);
    expect(skip.getBoundingClientRect().width).to.be.greaterThan(1);
    // Before the table in the reading order.
    const table = section(el, 'integrated').querySelector('table')!;
    expect(skip.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    skip.click();
    expect(root(el).activeElement?.id).to.equal('integrated-pager');
    await expect(el).to.be.accessible();
  });

  it('a search shows its summary at the top, each count a link moving the focus to its table', async () => {
    const query = 'a';
    const [integrated, rejected] = await Promise.all([
      backend.client.contracts({ status: 'integrated', q: query, limit: 1 }),
      backend.client.contracts({ status: 'rejected', q: query, limit: 1 }),
    ]);
    const el = await mount();
    expect(root(el).querySelector('[part="search-summary"]')).to.equal(null);
    type(el, query);
    await waitUntil(() => root(el).querySelector('[part="search-summary"]'), 'the summary');
    const summary = root(el).querySelector('[part="search-summary"]')!;
    const search = root(el).querySelector('[part="search"]')!;
    // Right under the search box, above both tables.
    expect(search.nextElementSibling).to.equal(summary);
    const text = norm(summary.textContent).replace(/(\d) (\d)/g, '$1$2');
    expect(text).to.equal(
      `${integrated.total} contrats intégrés → voir · ${rejected.total} ${rejected.total > 1 ? 'contrats non intégrés' : 'contrat non intégré'} → voir`,
    );
    expect(norm(summary.getAttribute('aria-label'))).to.equal('Résultats pour « a »');
    summary.querySelector<HTMLButtonElement>('button[data-table="rejected"]')!.click();
    expect(root(el).activeElement?.id).to.equal('rejected-heading');
    summary.querySelector<HTMLButtonElement>('button[data-table="integrated"]')!.click();
    expect(root(el).activeElement?.id).to.equal('integrated-heading');
    await expect(el).to.be.accessible();
  });
});
