/** The admin API contract against the real server on a fresh PostgreSQL database. */
import { createTestDatabase } from '../support/postgres.ts';
import { realServerContract } from './real-server.ts';

realServerContract('PostgreSQL', async () => {
  const db = await createTestDatabase();
  return { database: db.url, cleanup: () => db.drop() };
});
