/** The three-day CSV replay through the CLI, on a fresh PostgreSQL database. */
import { openPostgresStore, postgresOptionsFromUrl } from '../../../server/store/postgres/index.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { replayCliSuite } from './replay-cli.ts';

replayCliSuite('PostgreSQL', async () => {
  const db = await createTestDatabase();
  return { setting: db.url, open: () => openPostgresStore(postgresOptionsFromUrl(db.url)), cleanup: () => db.drop() };
});
