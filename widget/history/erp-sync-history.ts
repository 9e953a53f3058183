/**
 * Defines <erp-sync-history> (only if not defined yet: a host may load two copies of the
 * package). Import the class without this side effect from ./erp-sync-history.component.ts.
 */
import { ErpSyncHistory } from './erp-sync-history.component.ts';

export { ErpSyncHistory };

if (!customElements.get('erp-sync-history')) customElements.define('erp-sync-history', ErpSyncHistory);

declare global {
  interface HTMLElementTagNameMap {
    'erp-sync-history': ErpSyncHistory;
  }
}
