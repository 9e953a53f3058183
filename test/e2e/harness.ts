/**
 * End-to-end harness: the built demo (dist/, rebuilt once if missing or stale), the REAL server
 * on a temporary SQLite file, fed by the fake ERP over real HTTP with a few days replayed, and
 * Debian's Chromium driven by playwright-core.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { addDays, generateErp } from '../../mock-api/fake-erp/index.ts';
export { ensureBuilt } from '../node/support/ensure-built.ts';
import { startFakeErpServer } from '../../mock-api/fake-erp/server.ts';
import { parseConfig } from '../../server/config/load.ts';
import { DEMO_ORG_ID, DEMO_SEED, demoOrganization, replayDays } from '../../demo/server/replay.ts';
import { signAdminToken } from '../../server/http/index.ts';
import { startServer } from '../../server/node/start-server.ts';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const outputDir = join(root, 'test-output', 'e2e');

export interface Stack {
  url: string;
  token: string;
  /** The day dates replayed, oldest first. */
  dates: string[];
  close(): Promise<void>;
}

/**
 * The real server on a temporary SQLite file and a private copy of dist/demo (so the token file
 * written for the pages never touches the build), fed by the fake ERP over HTTP: `days` dated
 * runs through the real runner.
 */
export async function startStack(opts: { days: number; contracts: number }): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'erp-sync-e2e-'));
  const staticDir = join(dir, 'static');
  cpSync(join(root, 'dist', 'demo'), staticDir, { recursive: true });

  const today = new Date().toISOString().slice(0, 10);
  const erp = generateErp({ seed: DEMO_SEED, contracts: opts.contracts, days: opts.days, startDate: addDays(today, -(opts.days - 1)) });
  let day = 0;
  const apiKey = randomBytes(12).toString('hex');
  const fakeErp = await startFakeErpServer({ erp, apiKey, day: () => day });

  const config = parseConfig({
    database: join(dir, 'erp-sync.sqlite'),
    port: 0,
    host: '127.0.0.1',
    auth: { jwtSecret: randomBytes(32).toString('hex') },
    staticDir,
    organizations: [demoOrganization({ erpUrl: fakeErp.url, erpApiKey: apiKey, erpToken: randomBytes(16).toString('hex') })],
  });
  const server = await startServer(config, { schedule: false });
  const dates: string[] = [];
  try {
    await replayDays({
      runner: server.product.runner,
      orgId: DEMO_ORG_ID,
      lastDay: opts.days - 1,
      setDay: (d) => {
        day = d;
      },
      dateOf: (d) => erp.dateOf(d),
      onRun: (date) => dates.push(date),
    });
  } catch (err) {
    await server.close();
    await fakeErp.close();
    throw err;
  }
  const token = await signAdminToken(config.auth.jwtSecret, { org: DEMO_ORG_ID, ttlSeconds: 3600 });
  mkdirSync(join(staticDir, 'demo'), { recursive: true });
  writeFileSync(join(staticDir, 'demo', 'token.json'), JSON.stringify({ token, org: DEMO_ORG_ID }));

  return {
    url: server.url,
    token,
    dates,
    async close() {
      await server.close();
      await fakeErp.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Collects uncaught page errors and console errors, to assert a page ran clean. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  return errors;
}

/** The viewport (1360×900), as a person sees it; `fullPage` for the whole scroll height. */
export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(outputDir, { recursive: true });
  const path = join(outputDir, `${name}.png`);
  await page.screenshot({ path, fullPage: opts.fullPage ?? false });
  return path;
}
