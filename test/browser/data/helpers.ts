import { waitUntil as owcWaitUntil } from '@open-wc/testing';
import type { ErpSyncData } from '../../../widget/data/erp-sync-data.component.ts';

/** Intl puts narrow/no-break spaces in "18 240" and "à 02:02"; compare with plain spaces. */
/** open-wc's waitUntil with a 5 s default: two shared cores make 1 s too tight for debounce + fetch. */
export function waitUntil(
  predicate: () => unknown,
  message?: string,
  options: { interval?: number; timeout?: number } = {},
): Promise<void> {
  return owcWaitUntil(predicate, message, { timeout: 5000, ...options });
}

export function norm(text: string | null | undefined): string {
  return (text ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
}

export function root(el: ErpSyncData): ShadowRoot {
  return el.shadowRoot!;
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

export async function waitForText(el: ErpSyncData, text: string, timeout = 10_000): Promise<void> {
  await waitUntil(() => norm(root(el).textContent).includes(text), `text "${text}"`, { timeout });
}

/** Types into the search box as a user would (input events), then waits for the debounce. */
export function type(el: ErpSyncData, value: string): void {
  const input = root(el).querySelector<HTMLInputElement>('input[type="search"]')!;
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

export function button(scope: ParentNode, text: string): HTMLButtonElement {
  const found = [...scope.querySelectorAll<HTMLButtonElement>('button')].find((b) => norm(b.textContent).includes(text));
  if (!found) throw new Error(`no button "${text}"`);
  return found;
}
