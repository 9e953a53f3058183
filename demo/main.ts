/**
 * The "Synchro ERP" demo screen: breadcrumb, two tabs (Données / Historique), language and
 * theme switches. Opening a contract's row in Données preloads its timeline in Historique; its
 * "Voir l’historique du contrat" button shows it.
 * The widgets come from the sources here (Vite); lms-admin.html shows the built bundle instead.
 */
import '../widget/index.ts';
import type { ErpSyncData, ErpSyncHistory } from '../widget/index.ts';
import { connect, currentScenario, mockMode } from './connect.ts';

import type { lang } from '../contract/index.ts';

const chrome: Record<lang, Record<string, string>> = {
  fr: {
    preferences: 'Préférences',
    language: 'Langue',
    dark: 'Thème sombre',
    embedded: 'Vue intégrée (page LMS)',
    mockTitle: 'Mode maquette',
    mockHint: 'Données simulées dans le navigateur (MSW), aucun serveur.',
    scenario: 'Scénario',
    breadcrumb: 'Fil d’Ariane',
    configuration: 'Configuration',
    administration: 'Administration',
    tabData: 'Données',
    tabHistory: 'Historique',
    noToken: 'Jeton d’administrateur introuvable ({error}). Lancez «\u202fnpm start\u202f», ou ouvrez la page en mode maquette (?mock=1).',
  },
  en: {
    preferences: 'Preferences',
    language: 'Language',
    dark: 'Dark theme',
    embedded: 'Embedded view (LMS page)',
    mockTitle: 'Mock mode',
    mockHint: 'Data simulated in the browser (MSW), no server.',
    scenario: 'Scenario',
    breadcrumb: 'Breadcrumb',
    configuration: 'Settings',
    administration: 'Administration',
    tabData: 'Data',
    tabHistory: 'History',
    noToken: 'No admin token ({error}). Run "npm start", or open the page in mock mode (?mock=1).',
  },
};

const $ = <T extends Element>(selector: string): T => {
  const el = document.querySelector<T>(selector);
  if (!el) throw new Error(`demo: ${selector} is missing`);
  return el;
};

const data = $<ErpSyncData>('erp-sync-data');
const history = $<ErpSyncHistory>('erp-sync-history');
const langSelect = $<HTMLSelectElement>('#lang');
const themeButton = $<HTMLButtonElement>('#theme');
const tabs = [$<HTMLButtonElement>('#tab-data'), $<HTMLButtonElement>('#tab-history')];
const status = $<HTMLElement>('#status');

let language: lang = localStorage.getItem('erp-sync-demo:lang') === 'en' ? 'en' : 'fr';

function t(key: string, vars: Record<string, string> = {}): string {
  return (chrome[language][key] ?? key).replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}

// ---------- language ----------

function applyLang(): void {
  document.documentElement.lang = language;
  langSelect.value = language;
  data.lang = language;
  history.lang = language;
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n ?? '');
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n-aria]')) el.setAttribute('aria-label', t(el.dataset.i18nAria ?? ''));
}

langSelect.addEventListener('change', () => {
  language = langSelect.value === 'en' ? 'en' : 'fr';
  localStorage.setItem('erp-sync-demo:lang', language);
  applyLang();
});

// ---------- theme (the widgets only through --erp-sync-* properties, see demo.css) ----------

function applyTheme(dark: boolean): void {
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  themeButton.setAttribute('aria-pressed', String(dark));
}

const savedTheme = localStorage.getItem('erp-sync-demo:theme');
applyTheme(savedTheme ? savedTheme === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches);
themeButton.addEventListener('click', () => {
  const dark = themeButton.getAttribute('aria-pressed') !== 'true';
  localStorage.setItem('erp-sync-demo:theme', dark ? 'dark' : 'light');
  applyTheme(dark);
});

// ---------- tabs (WAI-ARIA tabs pattern: roving tabindex, arrows, Home/End) ----------

function select(tab: HTMLButtonElement, focus = false): void {
  for (const other of tabs) {
    const selected = other === tab;
    other.setAttribute('aria-selected', String(selected));
    other.tabIndex = selected ? 0 : -1;
    const panel = document.getElementById(other.getAttribute('aria-controls') ?? '');
    if (panel) panel.hidden = !selected;
  }
  if (focus) tab.focus();
  // The tab is in the URL (#donnees / #historique): a reload or a shared link opens the same tab.
  const hash = tab.id === 'tab-history' ? '#historique' : '#donnees';
  if (location.hash !== hash) window.history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
}

for (const tab of tabs) {
  tab.addEventListener('click', () => select(tab));
  tab.addEventListener('keydown', (e) => {
    const i = tabs.indexOf(tab);
    const next =
      e.key === 'ArrowRight'
        ? tabs[(i + 1) % tabs.length]
        : e.key === 'ArrowLeft'
          ? tabs[(i - 1 + tabs.length) % tabs.length]
          : e.key === 'Home'
            ? tabs[0]
            : e.key === 'End'
              ? tabs[tabs.length - 1]
              : null;
    if (next) {
      e.preventDefault();
      select(next, true);
    }
  });
}
select(location.hash === '#historique' ? tabs[1] : tabs[0]);

// ---------- a contract opened in Données: its timeline is preloaded, its button shows it ----------
// Opening a row only preloads (the user is reading the row's fields: the tab must not change);
// "Voir l’historique du contrat" switches to Historique. The history element has its own
// "back to the whole history" button, which clears `contract`.

data.addEventListener('erp-sync-contract-select', (e) => {
  history.contract = e.detail.code;
});

data.addEventListener('erp-sync-contract-history', (e) => {
  history.contract = e.detail.code;
  // The button's panel is hidden: the focus goes to the Historique tab rather than to <body>.
  select(tabs[1], true);
});

// ---------- mock mode ----------

if (mockMode) {
  const bar = $<HTMLElement>('#mock-bar');
  const picker = $<HTMLSelectElement>('#scenario');
  bar.hidden = false;
  picker.value = currentScenario();
  picker.addEventListener('change', () => {
    // A scenario is a fresh mock: reload with it (the worker restarts with the new handlers).
    const params = new URLSearchParams(location.search);
    params.set('mock', '1');
    params.set('scenario', picker.value);
    location.search = params.toString();
  });
}
for (const a of document.querySelectorAll<HTMLAnchorElement>('a[data-keep-query]')) a.search = location.search;

// ---------- connect: token from the server (or the mock), given to both elements ----------

applyLang();
try {
  const { token } = await connect();
  data.token = token;
  history.token = token;
} catch (err) {
  status.hidden = false;
  status.textContent = t('noToken', { error: err instanceof Error ? err.message : String(err) });
}
