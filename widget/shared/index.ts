/**
 * Shared building blocks of the ERP sync widgets (<erp-sync-data>, <erp-sync-history>).
 *
 * - api-client.ts      createApiClient(): typed, validated, abortable admin API calls; ApiError.
 * - i18n/              Translations (fr default, en), Localizer (dates in Paris, numbers, ranges, plurals).
 * - controllers/       SearchController (debounced committed query), PagingController (offset/limit/total).
 * - pieces/            render functions drawing into the host's shadow root: data table with
 *                      disclosure rows, search box, pager, reason chips, state views, status header.
 * - theme.styles.ts    themeStyles (the --erp-sync-* tokens on :host) and pieceStyles.
 * - events.ts          emit(): bubbling + composed `erp-sync-*` events, typed by ErpSyncEventMap.
 * - download.ts        saveBlob(): save a fetched Blob as a file.
 */
export * from './api-client.ts';
export * from './events.ts';
export * from './download.ts';
export * from './theme.styles.ts';
export * from './i18n/localize.ts';
export { fr } from './i18n/fr.ts';
export { en } from './i18n/en.ts';
export * from './controllers/search-controller.ts';
export * from './controllers/paging-controller.ts';
export * from './pieces/data-table.ts';
export * from './pieces/controls.ts';
export * from './pieces/states.ts';
export * from './pieces/status-header.ts';
export * from './pieces/disclosure.ts';
export * from './pieces/sparkline.ts';
