import { waitUntil as owcWaitUntil } from '@open-wc/testing';
import type { ErpSyncHistory } from '../../../widget/history/erp-sync-history.component.ts';
import { button, norm, root, type, waitForText } from '../support/dom.ts';

export { button, norm, root, type, waitForText };

/** open-wc's waitUntil with a longer default: two shared cores make 1 s too tight. */
export function waitUntil(
  predicate: () => unknown,
  message?: string,
  options: { interval?: number; timeout?: number } = {},
): Promise<void> {
  return owcWaitUntil(predicate, message, { timeout: 10_000, ...options });
}

export function days(el: ErpSyncHistory): HTMLLIElement[] {
  return [...root(el).querySelectorAll<HTMLLIElement>('li.day')];
}

export function day(el: ErpSyncHistory, date: string): HTMLLIElement {
  const found = root(el).querySelector<HTMLLIElement>(`li.day[data-date="${date}"]`);
  if (!found) throw new Error(`no day ${date}`);
  return found;
}

export function dayToggle(dayEl: Element): HTMLButtonElement {
  return dayEl.querySelector<HTMLButtonElement>('button.day-toggle')!;
}

export function contracts(dayEl: Element): HTMLLIElement[] {
  return [...dayEl.querySelectorAll<HTMLLIElement>('li.contract')];
}

export async function waitForDays(el: ErpSyncHistory): Promise<void> {
  await waitUntil(() => days(el).length > 0, 'days listed');
}

/** Opens a day with its button and waits for its changes (or its empty/error state). */
export async function openDay(el: ErpSyncHistory, dayEl: Element): Promise<void> {
  const toggle = dayToggle(dayEl);
  if (toggle.getAttribute('aria-expanded') !== 'true') toggle.click();
  await waitUntil(
    () => {
      const panel = dayEl.querySelector('.day-panel');
      return panel && !panel.querySelector('.state.loading') && panel.querySelector('.contracts[aria-busy="false"], .state');
    },
    `changes of ${dayEl.getAttribute('data-date')}`,
  );
  await el.updateComplete;
}

/** Expands a contract of an opened day and returns its details region. */
export async function openContract(el: ErpSyncHistory, contractEl: Element): Promise<HTMLElement> {
  const toggle = contractEl.querySelector<HTMLButtonElement>('button.contract-toggle')!;
  if (toggle.getAttribute('aria-expanded') !== 'true') toggle.click();
  await el.updateComplete;
  return root(el).getElementById(toggle.getAttribute('aria-controls')!)!;
}

/** Sets a date input as a user would (the widget listens to `change`). */
export function setDate(el: ErpSyncHistory, name: 'from' | 'to', value: string): void {
  const input = root(el).querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  input.value = value;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}
