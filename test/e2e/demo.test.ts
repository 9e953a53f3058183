/**
 * End to end: the BUILT demo pages (dist/demo) on the REAL server (SQLite in a temp dir), fed by
 * the fake ERP over HTTP with 5 days replayed through the real runner, in Debian's Chromium.
 * Screenshots land in test-output/e2e/. Locators are Playwright CSS, which pierces open shadow
 * roots: `erp-sync-data tr[part="row"]` reaches inside the element.
 *
 *   node test/run-node.mjs test/e2e        (npm run test:e2e)
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page, Request } from 'playwright-core';
import { ensureBuilt, launchChromium, screenshot, startStack, watchErrors, type Stack } from './harness.ts';

const require = createRequire(import.meta.url);
const DAYS = 5;
const CONTRACTS = 300;
const TIMEOUT = 15_000;

/** Intl's narrow/no-break spaces as plain spaces, whitespace collapsed. */
const norm = (s: string | null) =>
  (s ?? '')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const fold = (s: string | null) => norm(s).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** axe-core (WCAG 2 A and AA rules) on the page, shadow roots included; one line per violation. */
async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const found = await page.evaluate(async () => {
    const axeRun = (
      window as unknown as {
        axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }> };
      }
    ).axe;
    const result = await axeRun.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return result.violations.map((v) => `${v.impact} ${v.id}: ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
  });
  return found;
}

async function until(check: () => Promise<boolean>, what: string, timeout = TIMEOUT): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('e2e: built demo on the real server', { timeout: 600_000 }, () => {
  let stack: Stack;
  let browser: Browser;
  const timings: Record<string, number> = {};

  before(
    async () => {
      let t = performance.now();
      const build = await ensureBuilt();
      timings.build = build.built ? build.ms : 0;
      t = performance.now();
      stack = await startStack({ days: DAYS, contracts: CONTRACTS });
      timings.serverAndReplay = Math.round(performance.now() - t);
      browser = await launchChromium();
    },
    { timeout: 600_000 },
  );

  after(async () => {
    await browser?.close();
    await stack?.close();
    process.stdout.write(`e2e timings (ms): ${JSON.stringify(timings)}\n`);
  });

  async function open(path: string, opts: { lang?: string } = {}): Promise<{ page: Page; errors: string[]; requests: string[] }> {
    const context = await browser.newContext({
      viewport: { width: 1360, height: 900 },
      locale: opts.lang ?? 'fr-FR',
      timezoneId: 'Europe/Paris',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    const errors = watchErrors(page);
    const requests: string[] = [];
    page.on('request', (r: Request) => requests.push(new URL(r.url()).pathname));
    await page.goto(`${stack.url}${path}`);
    return { page, errors, requests };
  }

  const integratedRows = (page: Page) => page.locator('erp-sync-data section.integrated tr[part="row"]');
  const integratedLearners = (page: Page) => page.locator('erp-sync-data section.integrated tr[part="row"] th[scope="row"]');

  it('Données lists the integrated contracts', async () => {
    const { page, errors } = await open('/');
    await integratedRows(page).first().waitFor();
    assert.ok((await integratedRows(page).count()) > 10, 'a page of integrated rows');
    const heading = norm(await page.locator('erp-sync-data section.integrated h2').textContent());
    assert.match(heading, /^Contrats intégrés \(\d[\d ]*\)$/);
    // The status header names the last run, dated the last replayed day.
    const [y, m, d] = stack.dates[stack.dates.length - 1].split('-');
    assert.ok(norm(await page.locator('erp-sync-data [part="status"]').textContent()).includes(`${d}/${m}/${y}`));
    await screenshot(page, '01-donnees');
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it("searching 'helene' finds Hélène (accent-insensitive)", async () => {
    const { page, errors } = await open('/');
    await integratedRows(page).first().waitFor();
    const total = norm(await page.locator('erp-sync-data section.integrated h2').textContent());
    await page.locator('erp-sync-data input[type="search"]').fill('helene');
    // The search runs on the server (names, company, formation, code; accents and case folded).
    await until(async () => {
      const heading = norm(await page.locator('erp-sync-data section.integrated h2').textContent());
      const busy = await page.locator('erp-sync-data section.integrated table').getAttribute('aria-busy');
      return heading !== total && busy === 'false';
    }, 'the search results');
    const learners = (await integratedLearners(page).allTextContents()).map(norm);
    assert.ok(
      learners.some((n) => n.includes('Hélène')),
      `an Hélène among ${learners.join(', ')}`,
    );
    const rowsText = (await integratedRows(page).allTextContents()).map(fold);
    assert.ok(rowsText.length < 50, `a few matches, got ${rowsText.length}`);
    for (const text of rowsText) assert.ok(text.includes('helene'), `every row matches: ${text}`);
    await screenshot(page, '02-donnees-recherche-helene');
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('Historique expands a day and shows a field with its old and new value', async () => {
    const { page, errors } = await open('/');
    await page.getByRole('tab', { name: 'Historique' }).click();
    assert.equal(await page.getByRole('tab', { name: 'Historique' }).getAttribute('aria-selected'), 'true');
    const days = page.locator('erp-sync-history li[part="day"]');
    await days.first().waitFor();
    // A day with updates (the fake ERP edits a few contracts every day).
    const day = page.locator('erp-sync-history li[part="day"]:has(li[data-kind="updated"])').first();
    await day.locator('button[part="day-toggle"]').click();
    assert.equal(await day.locator('button[part="day-toggle"]').getAttribute('aria-expanded'), 'true');
    const contract = day.locator('li[part="contract"]:has([part="kind"][data-kind="updated"])').first();
    await contract.locator('button[part="contract-toggle"]').click();
    const row = contract.locator('table[part="diff"] tbody tr[data-field]').first();
    await row.waitFor();
    const field = norm(await row.locator('th').textContent());
    const before = norm(await row.locator('td.before').textContent());
    const after = norm(await row.locator('td.after').textContent());
    assert.ok(field.length > 0, 'a field label');
    assert.notEqual(before, after, `${field}: old and new value differ`);
    await contract.scrollIntoViewIfNeeded();
    await screenshot(page, '03-historique-jour-deplie');
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('opening a contract in Données shows its fields there; its button opens its timeline in Historique', async () => {
    const { page, errors } = await open('/');
    await integratedRows(page).first().waitFor();
    const first = integratedRows(page).first();
    const code = await first.getAttribute('data-key');
    assert.ok(code, 'rows carry their contract code');
    await first.locator('button[aria-expanded]').click();
    // The detail row is shown, on Données: opening a row only preloads the history.
    const detail = page.locator('erp-sync-data section.integrated tr[part="detail-row"]:not([hidden])');
    await detail.locator('dl[part="fields"] dt').first().waitFor();
    assert.ok((await detail.locator('dl[part="fields"] dt').count()) > 30, 'every field of the contract');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await page.getByRole('tab', { name: 'Données' }).getAttribute('aria-selected'), 'true');
    assert.equal(await page.locator('#panel-data').isVisible(), true);
    assert.equal(await page.locator('erp-sync-history').evaluate((el) => (el as HTMLElement & { contract: string }).contract), code);
    await screenshot(page, '04-donnees-contrat-deplie');
    // "Voir l’historique du contrat" switches to Historique, on that contract's timeline.
    await detail.getByRole('button', { name: 'Voir l’historique du contrat' }).click();
    await until(
      async () => (await page.getByRole('tab', { name: 'Historique' }).getAttribute('aria-selected')) === 'true',
      'Historique selected',
    );
    assert.equal(await page.locator('#panel-history').isVisible(), true);
    const heading = page.locator('erp-sync-history [part="timeline-view"] h2');
    await until(async () => norm(await heading.textContent()).includes(code ?? '-'), 'the contract timeline heading');
    await page.locator('erp-sync-history [part="timeline"] li').first().waitFor();
    // The focus did not fall to <body> with the hidden panel.
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'tab-history');
    await screenshot(page, '04-historique-contrat');
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('the Synchro ERP page has no axe violations (WCAG 2 A/AA), tabs included', async () => {
    const { page, errors } = await open('/');
    await integratedRows(page).first().waitFor();
    await page.locator('erp-sync-data section.rejected tr[part="row"]').first().waitFor();
    const tablist = page.getByRole('tablist');
    assert.equal(await tablist.getByRole('tab').count(), 2);
    // Keyboard: arrows move between tabs (roving tabindex), the panel follows.
    await page.getByRole('tab', { name: 'Données' }).focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.getByRole('tab', { name: 'Historique' }).getAttribute('aria-selected'), 'true');
    assert.equal(await page.locator('#panel-history').isVisible(), true);
    await page.locator('erp-sync-history li[part="day"]').first().waitFor();
    const violations = await axe(page);
    await page.keyboard.press('Home');
    assert.equal(await page.locator('#panel-data').isVisible(), true);
    violations.push(...(await axe(page)));
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('switches language and the dark theme (custom properties only)', async () => {
    const { page, errors } = await open('/');
    await integratedRows(page).first().waitFor();
    await page.locator('#lang').selectOption('en');
    await until(
      async () => /^Integrated contracts/.test(norm(await page.locator('erp-sync-data section.integrated h2').textContent())),
      'English heading',
    );
    assert.equal(await page.locator('erp-sync-history').getAttribute('lang'), 'en');
    await page.locator('#theme').click();
    const surface = await page.locator('erp-sync-data').evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(surface, 'rgb(17, 24, 39)', 'the dark --erp-sync-color-surface reaches the element');
    const scheme = await page.locator('erp-sync-data').evaluate((el) => getComputedStyle(el).colorScheme);
    assert.equal(scheme, 'dark', 'the dark theme sets --erp-sync-color-scheme');
    await screenshot(page, '05-donnees-en-sombre');
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('lms-admin.html works from the built bundle, and host styles do not leak in or out', async () => {
    const { page, errors, requests } = await open('/lms-admin.html');
    await integratedRows(page).first().waitFor();
    // The elements come from the built bundle, not from sources.
    assert.ok(requests.includes('/erp-sync.bundle.js'), 'the bundle is loaded');
    const sources = requests.filter((p) => /\.ts$|^\/(widget|server|node_modules|@vite|@fs)\//.test(p));
    assert.deepEqual(sources, [], 'no source module is loaded');
    const scripts = requests.filter((p) => p.endsWith('.js'));
    const defining = await page.evaluate(() => [
      customElements.get('erp-sync-data') !== undefined,
      customElements.get('erp-sync-history') !== undefined,
    ]);
    assert.deepEqual(defining, [true, true]);
    // The host's aggressive table/button rules do not reach inside the shadow roots...
    const inner = await page
      .locator('erp-sync-data section.integrated table')
      .first()
      .evaluate((t) => {
        const th = t.querySelector('th');
        const cs = getComputedStyle(t);
        return { border: cs.borderTopStyle, spacing: cs.borderSpacing, thTransform: th ? getComputedStyle(th).textTransform : '' };
      });
    assert.notEqual(inner.border, 'dashed');
    assert.equal(inner.thTransform, 'none');
    const innerButton = await page
      .locator('erp-sync-data section.integrated tr[part="row"] button')
      .first()
      .evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.notEqual(innerButton, 'rgb(255, 87, 34)');
    // ...and the widgets' styles do not reach the host's own table and button.
    const host = await page.locator('#host-table').evaluate((t) => ({
      border: getComputedStyle(t).borderTopStyle,
      td: getComputedStyle(t.querySelector('td') as Element).textTransform,
    }));
    assert.deepEqual(host, { border: 'dashed', td: 'uppercase' });
    assert.equal(await page.locator('#host-button').evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(255, 87, 34)');
    await screenshot(page, '06-lms-admin');
    // The host's wiring: opening a row stays on Données, its history button switches tabs.
    const first = integratedRows(page).first();
    await first.locator('button[aria-expanded]').click();
    const detail = page.locator('erp-sync-data section.integrated tr[part="detail-row"]:not([hidden])');
    await detail.locator('dl[part="fields"]').waitFor();
    assert.equal(await page.locator('#host-tab-data').getAttribute('aria-selected'), 'true');
    await detail.locator('button[part="show-history"]').click();
    await until(async () => (await page.locator('#host-tab-history').getAttribute('aria-selected')) === 'true', 'host Historique tab');
    await page.locator('erp-sync-history [part="timeline-view"]').waitFor();
    assert.deepEqual(errors, []);
    process.stdout.write(`lms-admin scripts: ${scripts.join(', ')}\n`);
    await page.context().close();
  });

  it('?mock=1 runs the same built page on MSW with the scenario picker (worker served at the root)', async () => {
    const { page, errors, requests } = await open('/?mock=1&scenario=failed');
    assert.equal(await page.locator('#mock-bar').isVisible(), true);
    assert.equal(await page.locator('#scenario').inputValue(), 'failed');
    // The failed scenario's last run failed: the status header says so.
    await page.locator('erp-sync-data [part="run-error"]').waitFor();
    const worker = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null);
    assert.equal(worker, `${stack.url}/mockServiceWorker.js`, 'the page is controlled by the worker at the root');
    assert.ok(!requests.includes('/demo/token.json'), 'mock mode does not ask the server for a token');
    await screenshot(page, '07-maquette-failed');
    // The picker reloads on the chosen scenario.
    await Promise.all([page.waitForURL(/scenario=normal/), page.locator('#scenario').selectOption('normal')]);
    await integratedRows(page).first().waitFor();
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('Données and Historique at 390, 1024 and 1440 px: no sideways page scroll, axe clean, screenshots', async () => {
    for (const width of [390, 1024, 1440]) {
      const { page, errors } = await open('/');
      await page.setViewportSize({ width, height: 900 });
      await integratedRows(page).first().waitFor();
      await page.locator('erp-sync-data section.rejected tr[part="row"]').first().waitFor();
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok((await overflow()) <= 0, `Données at ${width} px scrolls sideways by ${await overflow()} px`);
      await screenshot(page, `08-donnees-${width}`);
      await page.locator('erp-sync-data section.rejected h2').scrollIntoViewIfNeeded();
      await screenshot(page, `08-donnees-${width}-non-integres`);
      const violations = await axe(page);
      // Historique, a day with updates opened and one of its contracts' changes shown.
      await page.getByRole('tab', { name: 'Historique' }).click();
      const day = page.locator('erp-sync-history li[part="day"]:has(li[data-kind="updated"])').first();
      await day.locator('button[part="day-toggle"]').click();
      const contract = day.locator('li[part="contract"]:has([part="kind"][data-kind="updated"])').first();
      await contract.locator('button[part="contract-toggle"]').click();
      await contract.locator('table[part="diff"] tbody tr[data-field]').first().waitFor();
      assert.ok((await overflow()) <= 0, `Historique at ${width} px with a day opened scrolls sideways by ${await overflow()} px`);
      await contract.scrollIntoViewIfNeeded();
      await screenshot(page, `09-historique-${width}`);
      violations.push(...(await axe(page)));
      assert.deepEqual(violations, [], `axe at ${width} px`);
      assert.deepEqual(errors, []);
      await page.context().close();
    }
  });

  it("the host page's font does not leak into the widgets", async () => {
    const { page } = await open('/lms-admin.html');
    await integratedRows(page).first().waitFor();
    const font = await page
      .locator('erp-sync-data section.integrated td')
      .first()
      .evaluate((td) => getComputedStyle(td).fontFamily);
    const historyFont = await page
      .locator('erp-sync-history [part~="base"]')
      .first()
      .evaluate((el) => getComputedStyle(el).fontFamily);
    const hostFont = await page.locator('body').evaluate((el) => getComputedStyle(el).fontFamily);
    await page.context().close();
    assert.match(hostFont, /comic/i, 'the host page really uses its own font');
    assert.ok(!/comic/i.test(font), `widget cells use ${font}`);
    assert.ok(!/comic/i.test(historyFont), `history uses ${historyFont}`);
  });
});
