/** DOM helpers shared by the widgets' browser tests (each element's helpers add their own queries). */
import { waitUntil } from '@open-wc/testing';

/** Intl puts narrow/no-break spaces in "18 240" and "à 02:02"; compare with plain spaces. */
export function norm(text: string | null | undefined): string {
  return (text ?? '')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function root(el: Element): ShadowRoot {
  return el.shadowRoot!;
}

export async function waitForText(el: Element, text: string, timeout = 10_000): Promise<void> {
  await waitUntil(() => norm(root(el).textContent).includes(text), `text "${text}"`, { timeout });
}

/** Types into the element's search box as a user would (input events); the controller debounces. */
export function type(el: Element, value: string): void {
  const input = root(el).querySelector<HTMLInputElement>('input[type="search"]')!;
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

export function button(scope: ParentNode, text: string): HTMLButtonElement {
  const found = [...scope.querySelectorAll<HTMLButtonElement>('button')].find((b) => norm(b.textContent).includes(text));
  if (!found) throw new Error(`no button "${text}"`);
  return found;
}
