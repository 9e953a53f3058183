/**
 * What a host reads about <erp-sync-history> besides the element itself: the README's embed
 * reference (generated from the class JSDoc by `npm run docs`) and the typed event map.
 */
import { expect } from '@open-wc/testing';
import type { ErpSyncEventName } from '../../../widget/shared/events.ts';

/**
 * Checked by the type-check, not at run time: every declared event is one a widget fires, and
 * `erp-sync-day-select` never was (the history fires `erp-sync-day-toggle`). `tsc` fails here
 * if it is declared again.
 */
export const daySelectUndeclared: 'erp-sync-day-select' extends ErpSyncEventName ? false : true = true;

describe('<erp-sync-history> API surface', () => {
  it('has a description in the README embed reference (the JSDoc does not start with a tag)', async () => {
    const readme = await (await fetch('/README.md')).text();
    const [, section = ''] = readme.split('### `<erp-sync-history>`');
    const description = section.split('**Attributes and properties**')[0].trim();
    expect(description).to.match(/^The "Historique" tab of the Synchro ERP console/);
  });
});
