/** The three-day CSV replay through the CLI, on a SQLite file. */
import { join } from 'node:path';
import { openSqliteStore } from '../../../server/store/sqlite/index.ts';
import { replayCliSuite } from './replay-cli.ts';

replayCliSuite('SQLite', async () => ({
  setting: 'erp-sync.sqlite',
  open: (dir) => openSqliteStore(join(dir, 'erp-sync.sqlite')),
  cleanup: async () => {},
}));
