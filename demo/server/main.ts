/**
 * `npm start` (after `npm run build`): the whole product on this machine, with data worth looking at.
 *
 *  1. .data/demo/ (gitignored): a SQLite database and a config.json — organisation "cfa-demo"
 *     pulling from the fake ERP, which runs in this process on 127.0.0.1 (Ypareo-style REST API).
 *  2. First start only: 30 days of history replayed through the REAL runner, one dated run per
 *     day (the fake ERP is set to that day, then `runner.runSource(org, {date})`), so Historique
 *     has a month of additions, edits, fixes and departures. Later starts reuse the database.
 *  3. dist/demo/demo/token.json (served as /demo/token.json): a signed admin JWT for the pages.
 *  4. The server (API + the built demo pages as static files, nightly scheduler), then the URLs.
 *
 * Environment: PORT (default 8787), HOST (default 127.0.0.1), DEMO_CONTRACTS (default 1200, read
 * on the first start only), DEMO_RESET=1 to start over.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../server/config/load.ts';
import { addDays, daysBetween, generateErp } from '../../mock-api/fake-erp/index.ts';
import { startFakeErpServer } from '../../mock-api/fake-erp/server.ts';
import { signAdminToken } from '../../server/http/index.ts';
import { startServer } from '../../server/node/start-server.ts';
import { DEMO_ORG_ID as ORG_ID, DEMO_ORG_NAME as ORG_NAME, DEMO_SEED, demoOrganization, replayDays } from './replay.ts';

const REPLAY_DAYS = 30;
/** The fake ERP keeps changing for a year after the replay, so the nightly run has news. */
const ERP_DAYS = REPLAY_DAYS + 365;
const TOKEN_TTL_SECONDS = 30 * 24 * 3600;

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = join(root, '.data', 'demo');
const staticDir = join(root, 'dist', 'demo');
const stateFile = join(dataDir, 'demo-state.json');
const configFile = join(dataDir, 'config.json');
const databaseFile = join(dataDir, 'erp-sync.sqlite');

/** What must survive restarts: the ERP's calendar and the secrets the database was built with. */
interface DemoState {
  seed: number;
  contracts: number;
  /** Day 0 of the fake ERP (YYYY-MM-DD): 29 days before the first start. */
  startDate: string;
  jwtSecret: string;
  erpToken: string;
  erpApiKey: string;
  /** Set once the 30 days are replayed; a database without it is rebuilt. */
  replayedAt: string | null;
}

const say = (msg: string) => process.stdout.write(`${msg}\n`);
const today = () => new Date().toISOString().slice(0, 10);
const secret = (bytes: number) => randomBytes(bytes).toString('base64url');

function readState(): DemoState | null {
  if (process.env.DEMO_RESET === '1' || !existsSync(stateFile)) return null;
  try {
    return JSON.parse(readFileSync(stateFile, 'utf8')) as DemoState;
  } catch {
    return null;
  }
}

function writeState(state: DemoState): void {
  writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`);
}

function removeDatabase(): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${databaseFile}${suffix}`, { force: true });
}

async function main(): Promise<void> {
  if (!existsSync(join(staticDir, 'index.html'))) {
    say('dist/demo is missing: run `npm run build` first (`npm start` does both).');
    process.exitCode = 1;
    return;
  }
  mkdirSync(dataDir, { recursive: true });

  let previous = readState();
  if (!previous?.replayedAt) {
    // First start (or an interrupted one): a fresh database and fresh secrets.
    removeDatabase();
    const contracts = Number(process.env.DEMO_CONTRACTS ?? 1200);
    previous = {
      seed: DEMO_SEED,
      contracts: Number.isInteger(contracts) && contracts > 0 ? contracts : 1200,
      startDate: addDays(today(), -(REPLAY_DAYS - 1)),
      jwtSecret: secret(32),
      erpToken: secret(24),
      erpApiKey: secret(16),
      replayedAt: null,
    };
    writeState(previous);
  }
  const state: DemoState = previous;
  const replayedBefore = state.replayedAt !== null;

  // ---- the fake ERP, in process, on a free port ----
  const erp = generateErp({ seed: state.seed, contracts: state.contracts, days: ERP_DAYS, startDate: state.startDate });
  let replayDay: number | null = null;
  const calendarDay = () => Math.min(Math.max(daysBetween(state.startDate, today()), 0), ERP_DAYS - 1);
  const fakeErp = await startFakeErpServer({ erp, apiKey: state.erpApiKey, day: () => replayDay ?? calendarDay() });

  // ---- the config (rewritten each start: the fake ERP's port changes) ----
  const port = Number(process.env.PORT ?? 8787);
  writeFileSync(
    configFile,
    `${JSON.stringify(
      {
        database: databaseFile,
        port,
        host: process.env.HOST ?? '127.0.0.1',
        auth: { jwtSecret: state.jwtSecret },
        staticDir,
        organizations: [demoOrganization({ erpUrl: fakeErp.url, erpApiKey: state.erpApiKey, erpToken: state.erpToken })],
      },
      null,
      2,
    )}\n`,
  );
  const config = loadConfig(configFile);

  const server = await startServer(config);
  const stop = async () => {
    await server.close();
    await fakeErp.close();
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(0)));
  process.once('SIGTERM', () => void stop().then(() => process.exit(0)));

  // ---- first start: 30 dated runs through the real runner ----
  if (!replayedBefore) {
    const t0 = performance.now();
    say(`Replaying ${REPLAY_DAYS} days of the fake ERP (${state.contracts} contracts) into ${databaseFile}...`);
    await replayDays({
      runner: server.product.runner,
      orgId: ORG_ID,
      lastDay: Math.min(calendarDay(), REPLAY_DAYS - 1),
      setDay: (day) => {
        replayDay = day;
      },
      dateOf: (day) => erp.dateOf(day),
      onRun: (date, { run }) => {
        const c = run.counts;
        say(
          `  ${date}  ${run.status.padEnd(9)} ${String(c.integrated).padStart(6)} integrated ${String(c.rejected).padStart(5)} rejected` +
            `  +${c.added} ~${c.updated} -${c.archived}  fixed ${c.fixed}`,
        );
      },
    });
    replayDay = null;
    state.replayedAt = new Date().toISOString();
    writeState(state);
    say(`Replayed in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
  } else {
    say(`Reusing ${databaseFile} (replayed ${state.replayedAt}; DEMO_RESET=1 npm start to start over).`);
  }

  // ---- the pages' admin token, served as /demo/token.json ----
  const token = await signAdminToken(config.auth.jwtSecret, { org: ORG_ID, ttlSeconds: TOKEN_TTL_SECONDS });
  mkdirSync(join(staticDir, 'demo'), { recursive: true });
  writeFileSync(
    join(staticDir, 'demo', 'token.json'),
    `${JSON.stringify({ token, org: ORG_ID, expiresAt: new Date(Date.now() + TOKEN_TTL_SECONDS * 1000).toISOString() }, null, 2)}\n`,
  );

  say('');
  say(`Synchro ERP demo (${ORG_NAME}) is running:`);
  say(`  ${server.url}/                 Configuration > Administration > Synchro ERP (Données, Historique)`);
  say(`  ${server.url}/lms-admin.html   an LMS admin page embedding the built bundle`);
  say(`  ${server.url}/?mock=1          the same page on the in-browser mock, with QA scenarios`);
  say(`  ${server.url}/api/erp-sync/openapi.json   the admin API`);
  say(`Fake ERP: ${fakeErp.url}/r/v1/contrats (day ${calendarDay()}, ${erp.dateOf(calendarDay())}). Ctrl-C to stop.`);
}

main().catch((err: unknown) => {
  console.error('demo: failed to start', err);
  process.exit(1);
});
