/**
 * The admin API contract against the real server: HTTP on a port, fed by the fake ERP over
 * HTTP, on the database a test file gives (a SQLite file, a PostgreSQL database).
 */
import { randomBytes } from 'node:crypto';
import { after, before } from 'node:test';
import { addDays, generateErp } from '../../../mock-api/fake-erp/index.ts';
import { startFakeErpServer } from '../../../mock-api/fake-erp/server.ts';
import { parseConfig } from '../../../server/config/load.ts';
import { DEMO_ORG_ID, DEMO_SEED, demoOrganization, replayDays } from '../../../demo/server/replay.ts';
import { signAdminToken } from '../../../server/http/index.ts';
import { startServer, type RunningServer } from '../../../server/node/start-server.ts';
import { apiContractSuite, type ApiTarget } from './suite.ts';

const DAYS = 6;

/** A database for one server: the config's `database` setting, and how to dispose of it. */
export interface TestDatabaseSetting {
  database: string | Record<string, unknown>;
  cleanup(): Promise<void>;
}

export function realServerContract(name: string, database: () => Promise<TestDatabaseSetting>): void {
  let db: TestDatabaseSetting | undefined;
  let server: RunningServer;
  let erpServer: Awaited<ReturnType<typeof startFakeErpServer>>;
  let target: ApiTarget;

  before(async () => {
    db = await database();
    const erp = generateErp({ seed: DEMO_SEED, contracts: 300, days: DAYS, startDate: addDays('2026-11-28', -(DAYS - 1)) });
    let day = 0;
    const apiKey = randomBytes(12).toString('hex');
    erpServer = await startFakeErpServer({ erp, apiKey, day: () => day });
    const config = parseConfig({
      database: db.database,
      port: 0,
      auth: { jwtSecret: randomBytes(32).toString('hex') },
      organizations: [demoOrganization({ erpUrl: erpServer.url, erpApiKey: apiKey, erpToken: randomBytes(16).toString('hex') })],
    });
    server = await startServer(config, { schedule: false });
    await replayDays({
      runner: server.product.runner,
      orgId: DEMO_ORG_ID,
      lastDay: DAYS - 1,
      setDay: (d) => (day = d),
      dateOf: (d) => erp.dateOf(d),
    });
    target = {
      base: `${server.url}/api/erp-sync`,
      token: await signAdminToken(config.auth.jwtSecret, { org: DEMO_ORG_ID, ttlSeconds: 600 }),
    };
  });

  after(async () => {
    await server?.close();
    await erpServer?.close();
    await db?.cleanup();
  });

  apiContractSuite(`real server (HTTP, ${name})`, () => target);
}
