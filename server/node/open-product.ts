/** Opens what every command needs: the store (migrated), the organisations, the runner and its import workers. */
import type { Config } from '../config/schema.ts';
import { fileSpools } from './file-spool.ts';
import { createRunner } from '../runner/create-runner.ts';
import { type ImportExecutor, inThreadExecutor } from '../runner/executor.ts';
import type { Runner } from '../runner/runner.ts';
import type { Store } from '../store/store.ts';
import { log } from './log.ts';
import { openNodeInput } from './open-input.ts';
import { openStore } from './open-store.ts';
import { workerExecutor } from './worker-executor.ts';

export interface Product {
  config: Config;
  store: Store;
  runner: Runner;
  close(): Promise<void>;
}

export interface ProductOptions {
  now?: () => Date;
  /** 'worker' (default): imports in worker threads; 'thread': in this thread (an in-memory database has no other connection). */
  executor?: 'worker' | 'thread';
}

export async function openProduct(config: Config, opts: ProductOptions = {}): Promise<Product> {
  const store = await openStore(config.database);
  for (const o of config.organizations) await store.upsertOrganization({ id: o.id, name: o.name });
  const inThread = opts.executor === 'thread' || config.database === ':memory:';
  const executor: ImportExecutor = inThread
    ? inThreadExecutor({ store, spools: fileSpools(), openInput: (job) => openNodeInput(job, config.maxBodyBytes), now: () => new Date() })
    : workerExecutor({ database: config.database, maxBodyBytes: config.maxBodyBytes, workers: config.imports.workers });
  const runner = createRunner({
    store,
    organizations: config.organizations,
    executor,
    now: opts.now,
    leaseMs: config.imports.leaseSeconds * 1000,
    canReadSources: true,
    log,
  });
  return {
    config,
    store,
    runner,
    async close() {
      await runner.close();
      await store.close();
    },
  };
}
