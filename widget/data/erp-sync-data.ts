import { ErpSyncData } from './erp-sync-data.component.ts';

export { ErpSyncData } from './erp-sync-data.component.ts';

if (!customElements.get('erp-sync-data')) customElements.define('erp-sync-data', ErpSyncData);

declare global {
  interface HTMLElementTagNameMap {
    'erp-sync-data': ErpSyncData;
  }
}
