import { LitElement, html } from 'lit';
import { expect, fixture, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { reasonCode } from '../../../contract/index.ts';
import { ApiError } from '../../../widget/shared/api-client.ts';
import { emit } from '../../../widget/shared/events.ts';
import { french, loadLocalizer, localizerFor } from '../../../widget/shared/i18n/localize.ts';
import { renderPager, renderReasonChips, renderSearchBox } from '../../../widget/shared/pieces/controls.ts';
import { nextSort, renderDataTable, renderFieldList, type Column, type SortState } from '../../../widget/shared/pieces/data-table.ts';
import { renderEmpty, renderError, renderLoading, renderNeverSynced } from '../../../widget/shared/pieces/states.ts';
import { pieceStyles, themeStyles } from '../../../widget/shared/theme.styles.ts';

interface Person {
  id: string;
  name: string;
  city: string;
}

const people: Person[] = [
  { id: 'p1', name: 'Hélène Dupont', city: 'Lyon' },
  { id: 'p 2"', name: '<img src=x onerror=alert(1)>', city: 'Paris' },
];

const columns: Column<Person>[] = [
  { id: 'name', label: 'Nom', sortKey: 'name', rowHeader: true, cell: (p) => p.name },
  { id: 'city', label: 'Ville', cell: (p) => p.city },
];

/** A host composing the pieces the way a widget does: it keeps the state, pieces call back. */
class PiecesHost extends LitElement {
  static override styles = [themeStyles, pieceStyles];
  static override properties = { lang: {}, sort: { state: true }, expanded: { state: true }, reason: { state: true } };
  override lang = 'fr';
  sort: SortState | null = null;
  expanded: ReadonlySet<string> = new Set();
  reason: reasonCode | null = null;
  value = '';
  commits = 0;
  retries = 0;
  pages: string[] = [];

  override render() {
    const loc = localizerFor(this.lang) ?? french;
    return html`${renderSearchBox({
      id: 's',
      label: loc.t.searchLabel,
      value: this.value,
      hint: loc.t.searchHint,
      onInput: (v) => (this.value = v),
      onCommit: () => (this.commits += 1),
    })}
      ${renderReasonChips({
        counts: [
          { code: 'GROUP_UNKNOWN', count: 3 },
          { code: 'EMPLOYER_MISSING', count: 25 },
          { code: 'RNCP_INVALID', count: 0 },
        ],
        selected: this.reason,
        loc,
        onChange: (c) => (this.reason = c),
      })}
      ${renderDataTable<Person>({
        id: 't',
        caption: 'Personnes',
        columns,
        rows: people,
        rowKey: (p) => p.id,
        rowLabel: (p) => p.name,
        t: loc.t,
        sort: this.sort,
        onSort: (key) => (this.sort = nextSort(this.sort, key)),
        expanded: this.expanded,
        onToggle: (p, open) => {
          const next = new Set(this.expanded);
          if (open) next.add(p.id);
          else next.delete(p.id);
          this.expanded = next;
        },
        detail: (p) =>
          renderFieldList(
            [
              { label: 'Ville', value: p.city },
              { label: 'Code', value: '' },
            ],
            { heading: p.name, emptyValue: '—' },
          ),
      })}
      ${renderPager({
        label: 'Pagination des personnes',
        offset: 0,
        count: 50,
        total: 18240,
        loc,
        onPrevious: () => this.pages.push('prev'),
        onNext: () => this.pages.push('next'),
      })}`;
  }
}
customElements.define('test-pieces-host', PiecesHost);

const norm = (s: string | null | undefined) =>
  (s ?? '')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('shared pieces', () => {
  before(async () => {
    await loadLocalizer('en');
  });

  it('draw an accessible table with caption, scoped headers and a row header', async () => {
    const el = await fixture<PiecesHost>(html`<test-pieces-host></test-pieces-host>`);
    const r = el.shadowRoot!;
    expect(norm(r.querySelector('caption')!.textContent)).to.equal('Personnes');
    expect([...r.querySelectorAll('thead th')].map((th) => th.getAttribute('scope'))).to.deep.equal(['col', 'col', 'col']);
    expect(r.querySelectorAll('tbody th[scope="row"]')).to.have.length(2);
    // Hostile text stays text.
    expect(r.querySelector('img')).to.equal(null);
    expect(norm(r.querySelectorAll('tbody th')[1].textContent)).to.equal('<img src=x onerror=alert(1)>');
    await expect(el).to.be.accessible();
  });

  it('sort buttons flip aria-sort between ascending and descending', async () => {
    const el = await fixture<PiecesHost>(html`<test-pieces-host></test-pieces-host>`);
    const th = () => el.shadowRoot!.querySelector('thead th:nth-child(2)')!;
    expect(th().hasAttribute('aria-sort')).to.equal(false);
    th().querySelector('button')!.click();
    await el.updateComplete;
    expect(th().getAttribute('aria-sort')).to.equal('ascending');
    th().querySelector('button')!.click();
    await el.updateComplete;
    expect(th().getAttribute('aria-sort')).to.equal('descending');
    expect(nextSort({ key: 'a', order: 'desc' }, 'b')).to.deep.equal({ key: 'b', order: 'asc' });
  });

  it('disclosure buttons expand a detail row, with the keyboard too', async () => {
    const el = await fixture<PiecesHost>(html`<test-pieces-host></test-pieces-host>`);
    const r = el.shadowRoot!;
    const toggle = r.querySelectorAll<HTMLButtonElement>('button.disclosure')[1];
    const detail = r.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(toggle.getAttribute('aria-label')).to.equal('Détail du contrat de <img src=x onerror=alert(1)>');
    expect(detail.hidden).to.equal(true);
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(detail.hidden).to.equal(false);
    expect([...detail.querySelectorAll('dt')].map((d) => d.textContent)).to.deep.equal(['Ville', 'Code']);
    expect(norm(detail.querySelectorAll('dd')[1].textContent)).to.equal('—');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(detail.hidden).to.equal(true);
  });

  it('the pager says "1–50 sur 18 240" in a labelled nav and disables previous on page 1 (aria-disabled, focus kept)', async () => {
    const el = await fixture<PiecesHost>(html`<test-pieces-host></test-pieces-host>`);
    const nav = el.shadowRoot!.querySelector('nav')!;
    expect(nav.getAttribute('aria-label')).to.equal('Pagination des personnes');
    expect(norm(nav.textContent)).to.include('1–50 sur 18 240');
    const [prev, next] = nav.querySelectorAll('button');
    // aria-disabled, not disabled: a focused button reaching an end keeps the focus.
    expect(prev.disabled).to.equal(false);
    expect(prev.getAttribute('aria-disabled')).to.equal('true');
    expect(next.getAttribute('aria-disabled')).to.equal('false');
    prev.focus();
    prev.click();
    expect(el.pages).to.deep.equal([]);
    expect(el.shadowRoot!.activeElement).to.equal(prev);
    next.click();
    expect(el.pages).to.deep.equal(['next']);
    el.lang = 'en';
    await el.updateComplete;
    expect(norm(nav.textContent)).to.include('1–50 of 18,240');
    expect(norm(nav.textContent)).to.include('Next page');
  });

  it('reason chips are toggle buttons, most frequent first, zero counts hidden', async () => {
    const el = await fixture<PiecesHost>(html`<test-pieces-host></test-pieces-host>`);
    const chips = () => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="chips"] button')];
    expect(chips().map((c) => norm(c.textContent))).to.deep.equal(['Entreprise manquante · 25', 'Groupe inconnu · 3']);
    expect(chips().map((c) => c.getAttribute('aria-pressed'))).to.deep.equal(['false', 'false']);
    chips()[1].click();
    await el.updateComplete;
    expect(el.reason).to.equal('GROUP_UNKNOWN');
    expect(chips()[1].getAttribute('aria-pressed')).to.equal('true');
    chips()[1].click();
    await el.updateComplete;
    expect(el.reason).to.equal(null);
  });

  it('a selected reason missing from the counts stays drawn, pressed, with 0 (the filter stays visible)', async () => {
    const el = await fixture<PiecesHost>(html`<test-pieces-host></test-pieces-host>`);
    el.reason = 'SIRET_INVALID';
    await el.updateComplete;
    const chips = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="chips"] button')];
    const selected = chips.find((c) => c.dataset.reason === 'SIRET_INVALID');
    expect(selected, 'the selected chip').to.not.equal(undefined);
    expect(selected!.getAttribute('aria-pressed')).to.equal('true');
    expect(norm(selected!.textContent)).to.equal('SIRET invalide · 0');
    selected!.click();
    await el.updateComplete;
    expect(el.reason).to.equal(null);
    expect(el.shadowRoot!.querySelector('[data-reason="SIRET_INVALID"]')).to.equal(null);
  });

  it('fields have a 3:1 border (--erp-sync-color-input-border) and the host a color-scheme', async () => {
    const el = await fixture<PiecesHost>(html`<test-pieces-host></test-pieces-host>`);
    const input = el.shadowRoot!.querySelector('input')!;
    const rgb = (c: string) => (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const ratio = (a: string, b: string) => {
      const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((p, q) => q - p);
      return (x + 0.05) / (y + 0.05);
    };
    const border = getComputedStyle(input).borderTopColor;
    expect(ratio(border, getComputedStyle(el).backgroundColor)).to.be.at.least(3);
    expect(getComputedStyle(el).colorScheme).to.equal('light');
    el.style.setProperty('--erp-sync-color-input-border', 'rgb(1, 2, 3)');
    el.style.setProperty('--erp-sync-color-scheme', 'dark');
    expect(getComputedStyle(input).borderTopColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(el).colorScheme).to.equal('dark');
  });

  it('the search box is a labelled search input; Enter commits', async () => {
    const el = await fixture<PiecesHost>(html`<test-pieces-host></test-pieces-host>`);
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('input')!;
    expect(input.type).to.equal('search');
    expect(input.maxLength, 'the server refuses longer search text').to.equal(200);
    expect(norm(el.shadowRoot!.querySelector(`label[for="${input.id}"]`)!.textContent)).to.equal('Rechercher un contrat');
    input.focus();
    await sendKeys({ type: 'hé' });
    expect(el.value).to.equal('hé');
    await sendKeys({ press: 'Enter' });
    expect(el.commits).to.equal(1);
  });
});

class StateHost extends LitElement {
  static override styles = [themeStyles, pieceStyles];
  view: 'loading' | 'empty' | 'search' | 'reason' | 'error' | '401' | '403' | 'never' = 'loading';
  retries = 0;
  cleared = 0;
  override render() {
    const loc = french;
    switch (this.view) {
      case 'loading':
        return renderLoading(loc);
      case 'empty':
        return renderEmpty(loc);
      case 'search':
        return renderEmpty(loc, 'zz');
      case 'reason':
        return renderEmpty(loc, 'zz', { label: 'Entreprise manquante', onClear: () => (this.cleared += 1) });
      case 'error':
        return renderError(loc, new ApiError(500, 'INTERNAL', 'x'), () => (this.retries += 1));
      case '401':
        return renderError(loc, new ApiError(401, 'UNAUTHORIZED', 'x'), () => undefined);
      case '403':
        return renderError(loc, new ApiError(403, 'FORBIDDEN', 'x'), () => undefined);
      default:
        return renderNeverSynced(loc);
    }
  }
}
customElements.define('test-state-host', StateHost);

describe('state views', () => {
  const cases: [StateHost['view'], string][] = [
    ['loading', 'Chargement…'],
    ['empty', 'Aucun contrat'],
    ['search', 'Aucun contrat ne correspond à « zz ».'],
    ['reason', 'Aucun contrat ne correspond à « zz » avec le motif « Entreprise manquante ». Retirer le filtre « Entreprise manquante »'],
    ['error', 'Le serveur a rencontré une erreur. Réessayez dans quelques instants. Réessayer'],
    ['401', 'Session expirée'],
    ['403', 'Accès refusé'],
    ['never', 'Aucune synchronisation pour l’instant'],
  ];
  for (const [view, text] of cases) {
    it(`draws ${view} accessibly`, async () => {
      const el = document.createElement('test-state-host') as StateHost;
      el.view = view;
      await fixture(html`<div>${el}</div>`);
      expect(norm(el.shadowRoot!.textContent)).to.include(text);
      await expect(el).to.be.accessible();
    });
  }

  it('an empty list under a reason filter offers to remove it', async () => {
    const el = document.createElement('test-state-host') as StateHost;
    el.view = 'reason';
    await fixture(html`<div>${el}</div>`);
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.clear-reason')!.click();
    expect(el.cleared).to.equal(1);
  });

  it('only a plain error offers a retry', async () => {
    const el = document.createElement('test-state-host') as StateHost;
    el.view = 'error';
    await fixture(html`<div>${el}</div>`);
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.retry')!.click();
    expect(el.retries).to.equal(1);
    el.view = '401';
    el.requestUpdate();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('button')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[role="alert"]')).to.not.equal(null);
  });
});

describe('emit', () => {
  it('dispatches bubbling, composed, prefixed events out of a shadow root', async () => {
    const el = await fixture<PiecesHost>(html`<test-pieces-host></test-pieces-host>`);
    const inner = el.shadowRoot!.querySelector('table')!;
    const heard = oneEvent(document.body, 'erp-sync-contract-select');
    emit(inner, 'erp-sync-contract-select', { code: 'C1' });
    const event = await heard;
    expect(event.detail).to.deep.equal({ code: 'C1' });
    expect(event.bubbles && event.composed).to.equal(true);
    // Cancelable events tell the dispatcher whether a listener took over.
    const file = { blob: new Blob(), filename: 'x.csv' };
    expect(emit(inner, 'erp-sync-export', file, { cancelable: true }), 'nobody took the file').to.equal(true);
    const takeOver = (e: Event) => e.preventDefault();
    document.body.addEventListener('erp-sync-export', takeOver, { once: true });
    expect(emit(inner, 'erp-sync-export', file, { cancelable: true }), 'a listener took the file').to.equal(false);
    document.body.addEventListener('erp-sync-export', takeOver, { once: true });
    expect(emit(inner, 'erp-sync-export', file), 'not cancelable: preventDefault has no effect').to.equal(true);
  });
});
