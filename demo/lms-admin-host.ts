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

data?.addEventListener('erp-sync-contract-select', (e) => {
  if (!history || !(e instanceof CustomEvent)) return;
  const detail: unknown = e.detail;
  if (typeof detail === 'object' && detail !== null && 'code' in detail && typeof detail.code === 'string') {
    history.contract = detail.code;
    select(tabs[1]);
  }
});

try {
  const { token } = await connect();
  if (data) data.token = token;
  if (history) history.token = token;
} catch (err) {
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = `Jeton introuvable : ${err instanceof Error ? err.message : String(err)}`;
  document.querySelector('.lms-content')?.prepend(p);
}
