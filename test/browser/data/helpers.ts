import { waitUntil as owcWaitUntil } from '@open-wc/testing';
import type { ErpSyncData } from '../../../widget/data/erp-sync-data.component.ts';
import { button, norm, root, type, waitForText } from '../support/dom.ts';

export { button, norm, root, type, waitForText };

/** Lower case without accents, as the server's search folds text. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** open-wc's waitUntil with a 5 s default: two shared cores make 1 s too tight for debounce + fetch. */
export function waitUntil(
  predicate: () => unknown,
  message?: string,
  options: { interval?: number; timeout?: number } = {},
): Promise<void> {
  return owcWaitUntil(predicate, message, { timeout: 5000, ...options });
}

export function section(el: ErpSyncData, table: 'integrated' | 'rejected'): HTMLElement {
  return root(el).querySelector<HTMLElement>(`section.${table}`)!;
}

export function rows(el: ErpSyncData, table: 'integrated' | 'rejected'): HTMLTableRowElement[] {
  return [...(section(el, table)?.querySelectorAll<HTMLTableRowElement>('tr[part="row"]') ?? [])];
}

/** The learner cell (row header) of each row. */
export function learners(el: ErpSyncData, table: 'integrated' | 'rejected'): string[] {
  return rows(el, table).map((r) => norm(r.querySelector('th[scope="row"]')?.textContent));
}

export async function waitForRows(el: ErpSyncData, table: 'integrated' | 'rejected', message = `rows of ${table}`): Promise<void> {
  await waitUntil(() => rows(el, table).length > 0 && section(el, table).querySelector('table[aria-busy="false"]'), message, {
    timeout: 10_000,
  });
}
