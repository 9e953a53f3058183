/**
 * The host page's own script, as an LMS would write it: it knows nothing of the widgets' sources
 * (they come from the built bundle loaded by the <script> tag before this one). It gives the
 * elements the admin's token as a PROPERTY, wires its tabs, and listens to the widgets' events
 * with addEventListener.
 */
import { connect } from './connect.ts';

/** What the host relies on: plain DOM properties, no import of the widgets' types. */
type Widget = HTMLElement & { token?: string; contract?: string };

const data = document.querySelector<Widget>('#host-panel-data > erp-sync-data');
const history = document.querySelector<Widget>('#host-panel-history > erp-sync-history');
const tabs = [...document.querySelectorAll<HTMLButtonElement>('.erp-tabs [role="tab"]')];

function select(tab: HTMLButtonElement): void {
  for (const t of tabs) {
    const selected = t === tab;
    t.setAttribute('aria-selected', String(selected));
    t.tabIndex = selected ? 0 : -1;
    const panel = document.getElementById(t.getAttribute('aria-controls') ?? '');
    if (panel) panel.hidden = !selected;
  }
}
for (const tab of tabs) tab.addEventListener('click', () => select(tab));

/** The `{code}` of a widget event, checked (the host does not import the widgets' types). */
function codeOf(e: Event): string | null {
  if (!(e instanceof CustomEvent)) return null;
  const detail: unknown = e.detail;
  return typeof detail === 'object' && detail !== null && 'code' in detail && typeof detail.code === 'string' ? detail.code : null;
}

// A row opened in Données: preload its history, but stay on Données (the user reads the row).
data?.addEventListener('erp-sync-contract-select', (e) => {
  const code = codeOf(e);
  if (history && code) history.contract = code;
});

// "View the contract's history": show it in the Historique tab.
data?.addEventListener('erp-sync-contract-history', (e) => {
  const code = codeOf(e);
  if (!history || !code) return;
  history.contract = code;
  select(tabs[1]);
  tabs[1].focus();
});

try {
  const { token } = await connect();
  if (data) data.token = token;
  if (history) history.token = token;
} catch (err) {
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = `Jeton introuvable\u202f: ${err instanceof Error ? err.message : String(err)}`;
  document.querySelector('.lms-content')?.prepend(p);
}
