import { LitElement, html } from 'lit';
import { aTimeout, expect, fixture } from '@open-wc/testing';
import { PagingController } from '../../../widget/shared/controllers/paging-controller.ts';
import { SearchController } from '../../../widget/shared/controllers/search-controller.ts';

class ControllerHost extends LitElement {
  commits: string[] = [];
  updates = 0;
  readonly search = new SearchController(this, { delay: 50, onCommit: (q) => this.commits.push(q) });
  readonly paging = new PagingController(this, 10);

  override updated(): void {
    this.updates += 1;
  }

  override render() {
    return html`${this.search.query}|${this.paging.offset}`;
  }
}
customElements.define('test-controller-host', ControllerHost);

describe('SearchController', () => {
  it('commits only after the quiet delay, once, trimmed', async () => {
    const el = await fixture<ControllerHost>(html`<test-controller-host></test-controller-host>`);
    el.search.set('h');
    el.search.set('he');
    el.search.set(' helene ');
    expect(el.search.value).to.equal(' helene ');
    expect(el.search.query).to.equal('');
    await aTimeout(80);
    expect(el.search.query).to.equal('helene');
    expect(el.commits).to.deep.equal(['helene']);
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.include('helene|0');
  });

  it('commits at once on commit(), and ignores a commit that changes nothing', async () => {
    const el = await fixture<ControllerHost>(html`<test-controller-host></test-controller-host>`);
    el.search.set('abc');
    el.search.commit();
    expect(el.search.query).to.equal('abc');
    el.search.set('abc ');
    el.search.commit();
    expect(el.commits).to.deep.equal(['abc']);
    await aTimeout(80);
    expect(el.commits).to.deep.equal(['abc']);
  });

  it('defaults to 300 ms and stops its timer when the host is removed', async () => {
    const el = await fixture<ControllerHost>(html`<test-controller-host></test-controller-host>`);
    const slow = new SearchController(el);
    slow.set('x');
    await aTimeout(150);
    expect(slow.query).to.equal('');
    await aTimeout(250);
    expect(slow.query).to.equal('x');
    el.search.set('gone');
    el.remove();
    await aTimeout(80);
    expect(el.search.query).to.equal('');
  });
});

describe('PagingController', () => {
  it('pages within the total and requests updates', async () => {
    const el = await fixture<ControllerHost>(html`<test-controller-host></test-controller-host>`);
    const p = el.paging;
    expect(p.hasNext).to.equal(false);
    p.setTotal(25);
    expect([p.offset, p.hasPrevious, p.hasNext]).to.deep.equal([0, false, true]);
    p.next();
    p.next();
    p.next();
    expect(p.offset).to.equal(20);
    expect(p.hasNext).to.equal(false);
    p.previous();
    expect(p.offset).to.equal(10);
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.include('|10');
    p.reset();
    expect(p.offset).to.equal(0);
    p.previous();
    expect(p.offset).to.equal(0);
  });

  it('goes back to the last page when the total shrinks, and to page 1 on a new limit', () => {
    const p = new PagingController(document.createElement('test-controller-host') as ControllerHost, 10);
    p.setTotal(100);
    p.next();
    p.next();
    p.next();
    p.setTotal(15);
    expect(p.offset).to.equal(10);
    p.setLimit(5);
    expect([p.offset, p.limit, p.hasNext]).to.deep.equal([0, 5, true]);
  });
});
