/**
 * Opens what every command needs: the store (migrated), the organisations, the runner and its
 * import workers, and what listens to the end of runs (a log line, notifications, and whatever
 * the caller adds: the server's metrics).
 */
import type { Config } from '../config/schema.ts';
import { createNotifier, type Notifier } from '../notify/notifier.ts';
import { smtpMailer } from '../notify/mailer.ts';
import { textLog } from '../ops/log.ts';
import { fanOut, logRunEnded, type RunEndedListener } from '../ops/run-events.ts';
import { fileSpools } from './file-spool.ts';
import { createRunner } from '../runner/create-runner.ts';
import { type ImportExecutor, inThreadExecutor } from '../runner/executor.ts';
import type { Runner } from '../runner/runner.ts';
import type { Store } from '../store/store.ts';
import { log } from './log.ts';
import { openNodeInput } from './open-input.ts';
import { openStore } from './open-store.ts';
import { threadedInputs } from './threaded-input.ts';
import { workerExecutor, type WorkerExecutor } from './worker-executor.ts';

export interface Product {
  config: Config;
  store: Store;
  runner: Runner;
  notifier: Notifier;
  /** Whether the import workers answer (always true when imports run in this thread). */
  workersReady(): boolean;
  /**
   * Stops accepting runs; a running one may finish for `deadlineMs`, then is stopped (its
   * transaction rolled back, its run marked failed: no lease left behind). Idempotent.
   */
  stopRuns(deadlineMs?: number): Promise<void>;
  /** stopRuns, then pending notifications (bounded), then the database. Idempotent. */
  close(opts?: { deadlineMs?: number }): Promise<void>;
}

export interface ProductOptions {
  now?: () => Date;
  /** 'worker' (default): imports in worker threads; 'thread': in this thread (an in-memory database has no other connection). */
  executor?: 'worker' | 'thread';
  /** Also told when a run ends (the server's metrics). */
  onRunEnded?: RunEndedListener;
  /** Told how each notification delivery ended (the server's metrics). */
  onDelivery?(channel: 'email' | 'webhook', ok: boolean): void;
}

const once = <T>(fn: (arg?: number) => Promise<T>) => {
  let done: Promise<T> | null = null;
  return (arg?: number) => {
    done ??= fn(arg);
    return done;
  };
};

export async function openProduct(config: Config, opts: ProductOptions = {}): Promise<Product> {
  const store = await openStore(config.database);
  for (const o of config.organizations) await store.upsertOrganization({ id: o.id, name: o.name });
  const inThread = opts.executor === 'thread' || config.database === ':memory:';
  const workers: WorkerExecutor | null = inThread
    ? null
    : workerExecutor({
        database: config.database,
        maxBodyBytes: config.maxBodyBytes,
        workers: config.imports.workers,
        nice: config.imports.nice,
        heapMb: config.imports.heapMb,
        onError: (msg, err) => log.error(msg, err),
      });
  const executor: ImportExecutor =
    workers ??
    inThreadExecutor({
      store,
      spools: fileSpools(),
      openInput: (job) => openNodeInput(job, config.maxBodyBytes),
      now: () => new Date(),
      // Imports in this thread (the CLI) run at its priority: so does their reading thread.
      openThreaded: threadedInputs({ maxBodyBytes: config.maxBodyBytes, nice: 0 }),
    });
  const smtp = config.notifications.smtp;
  const notifier = createNotifier({
    config,
    store,
    log,
    mailer: smtp ? smtpMailer(smtp) : null,
    onDelivery: opts.onDelivery,
    now: opts.now,
  });
  const runner = createRunner({
    store,
    organizations: config.organizations,
    executor,
    now: opts.now,
    leaseMs: config.imports.leaseSeconds * 1000,
    canReadSources: true,
    log: textLog(log),
    onRunEnded: fanOut([logRunEnded(log), opts.onRunEnded, (orgId, run) => notifier.onRunEnded(orgId, run)], log),
  });
  const stopRuns = once((deadlineMs) => runner.close({ deadlineMs }));
  const close = once(async (deadlineMs) => {
    await stopRuns(deadlineMs);
    await notifier.close();
    await store.close();
  });
  return {
    config,
    store,
    runner,
    notifier,
    workersReady: () => workers?.ready() ?? true,
    stopRuns,
    close: (o = {}) => close(o.deadlineMs),
  };
}
