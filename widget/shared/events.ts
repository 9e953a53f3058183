/**
 * Events of the ERP sync widgets: kebab-case, `erp-sync-` prefixed, bubbling and composed so a
 * host page hears them through the shadow root (Shoelace's `sl-*` convention). Dispatch them for
 * user actions and async failures, never for property sets.
 */
import type { ApiError } from './api-client.ts';

export const EVENT_PREFIX = 'erp-sync-';

/** Detail types of every event the widgets fire; extend it when adding one. */
export interface ErpSyncEventMap {
  'erp-sync-contract-select': { code: string };
  /** <erp-sync-data>: the user asked for a contract's history ("Voir l’historique du contrat"). */
  'erp-sync-contract-history': { code: string };
  'erp-sync-error': { error: ApiError | Error };
  /**
   * The admin API answered 401: the session (the host's token) has expired or was revoked. Fired
   * once per token value, after `erp-sync-error`: set a fresh `token` and what failed is asked again.
   */
  'erp-sync-auth-expired': { error: ApiError };
  'erp-sync-run-approved': { runId: string };
  'erp-sync-run-started': { runId: string };
  /** <erp-sync-data>: the admin abandoned a run stuck as running. */
  'erp-sync-run-abandoned': { runId: string };
  'erp-sync-export': { blob: Blob; filename: string };
  /** <erp-sync-history>: the user opened or closed a day. */
  'erp-sync-day-toggle': { date: string; open: boolean };
  /** <erp-sync-history>: the user left a contract's timeline for the whole history. */
  'erp-sync-timeline-close': { code: string };
}

export type ErpSyncEventName = keyof ErpSyncEventMap;

/**
 * Dispatches `name` from `target`, bubbling and composed. Returns false when a listener called
 * preventDefault() (only meaningful with `cancelable: true`, e.g. to take over a download).
 */
export function emit<K extends ErpSyncEventName>(
  target: EventTarget,
  name: K,
  detail: ErpSyncEventMap[K],
  options: { cancelable?: boolean } = {},
): boolean {
  const event = new CustomEvent<ErpSyncEventMap[K]>(name, {
    detail,
    bubbles: true,
    composed: true,
    cancelable: options.cancelable ?? false,
  });
  return target.dispatchEvent(event);
}

declare global {
  interface HTMLElementEventMap {
    'erp-sync-contract-select': CustomEvent<ErpSyncEventMap['erp-sync-contract-select']>;
    'erp-sync-contract-history': CustomEvent<ErpSyncEventMap['erp-sync-contract-history']>;
    'erp-sync-error': CustomEvent<ErpSyncEventMap['erp-sync-error']>;
    'erp-sync-auth-expired': CustomEvent<ErpSyncEventMap['erp-sync-auth-expired']>;
    'erp-sync-run-approved': CustomEvent<ErpSyncEventMap['erp-sync-run-approved']>;
    'erp-sync-run-started': CustomEvent<ErpSyncEventMap['erp-sync-run-started']>;
    'erp-sync-run-abandoned': CustomEvent<ErpSyncEventMap['erp-sync-run-abandoned']>;
    'erp-sync-export': CustomEvent<ErpSyncEventMap['erp-sync-export']>;
    'erp-sync-day-toggle': CustomEvent<ErpSyncEventMap['erp-sync-day-toggle']>;
    'erp-sync-timeline-close': CustomEvent<ErpSyncEventMap['erp-sync-timeline-close']>;
  }
}
