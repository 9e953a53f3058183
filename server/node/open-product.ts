/** Opens what every command needs: the SQLite store (migrated), the organisations, the runner. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from '../config/schema.ts';
import { createRunner } from '../runner/create-runner.ts';
import type { Runner } from '../runner/runner.ts';
import { openSqliteStore } from '../store/sqlite/index.ts';
import type { Store } from '../store/store.ts';
import { log } from './log.ts';
import { readSource } from './read-source.ts';

export interface Product {
  config: Config;
  store: Store;
  runner: Runner;
  close(): Promise<void>;
}

export async function openProduct(config: Config, opts: { now?: () => Date } = {}): Promise<Product> {
  if (config.database !== ':memory:') mkdirSync(dirname(config.database), { recursive: true });
  const store = openSqliteStore(config.database);
  await store.init();
  for (const o of config.organizations) await store.upsertOrganization({ id: o.id, name: o.name });
  const runner = createRunner({ store, organizations: config.organizations, readSource, log, now: opts.now });
  return { config, store, runner, close: () => store.close() };
}
