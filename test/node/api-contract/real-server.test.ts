/** The admin API contract against the real server on a SQLite file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realServerContract } from './real-server.ts';

realServerContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'erp-sync-api-contract-'));
  return { database: join(dir, 'erp-sync.sqlite'), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
});
