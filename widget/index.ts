/**
 * The package entry (`import 'erp-sync'`): importing it defines <erp-sync-data> and
 * <erp-sync-history> (each only if not defined yet) and exports their classes, the API client
 * and the types a TypeScript host needs (event details, API payloads).
 *
 * One element only? Import `erp-sync/erp-sync-data.js` or `erp-sync/erp-sync-history.js`.
 * No bundler at all? `<script type="module" src="erp-sync.bundle.js">` (widget/bundle.ts).
 * Classes without the define side effect: `widget/<name>/<name>.component.ts`.
 */
export { ErpSyncData } from './data/erp-sync-data.ts';
export { ErpSyncHistory } from './history/erp-sync-history.ts';
export { ApiError, createApiClient, DEFAULT_API_BASE, type ApiClient, type TokenSource } from './shared/api-client.ts';
export type { ErpSyncEventMap, ErpSyncEventName } from './shared/events.ts';
export type { lang } from './shared/i18n/localize.ts';
export type * from '../contract/api.ts';
