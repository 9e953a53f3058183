/**
 * erp-sync command line. What only one command needs (the HTTP server, tokens, the copy to
 * PostgreSQL, retention) is loaded by that command: an import starts that much sooner.
 *   serve  --config F                       API + scheduler (+ demo pages when staticDir is set)
 *   import --config F --org ID --file PATH [--as-of YYYY-MM-DD]
 *   run    --config F --org ID [--as-of YYYY-MM-DD]
 *   token  --config F --org ID [--ttl SECONDS]
 *   anonymise --config F [--org ID] [--dry-run]
 *   copy   --from SQLITE_FILE --to POSTGRES_URL   moves an installation to PostgreSQL (counts verified)
 */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '../config/load.ts';
import { configureLog, log } from '../node/log.ts';
import { openProduct, type Product } from '../node/open-product.ts';
import { isPostgresUrl } from '../store/postgres/options.ts';
import { RunError } from '../runner/runner.ts';
import { PushBodyError, SourceError } from '../sources/index.ts';
import { formatRetention } from './anonymise.ts';
import { need, parseCommand, UsageError } from './args.ts';
import { progressPrinter } from './progress.ts';
import { onStopSignals } from './signals.ts';
import { formatRun } from './summary.ts';

const usage = `usage: npm run erp-sync -- <command> [options]
  serve  --config F
  import --config F --org ID --file PATH [--as-of YYYY-MM-DD]
  run    --config F --org ID [--as-of YYYY-MM-DD]
  token  --config F --org ID [--ttl SECONDS]
  anonymise --config F [--org ID] [--dry-run]
  copy   --from SQLITE_FILE --to POSTGRES_URL`;

async function main(argv: string[]): Promise<number> {
  const { command, values } = parseCommand(argv);
  if (command === 'help' || values.help) {
    console.log(usage);
    return 0;
  }
  if (command === 'copy') return copy(need(values.from, 'from'), need(values.to, 'to'));
  const config = loadConfig(need(values.config, 'config'));
  configureLog(config.log.level);
  const deadlineMs = config.shutdown.deadlineSeconds * 1000;
  /** A signal during a CLI run: the run may finish within the deadline, else it is rolled back (the command then fails). */
  const stopRunsOnSignal = (product: Product) => onStopSignals(() => void product.stopRuns(deadlineMs), log);
  const orgOf = () => {
    const id = need(values.org, 'org');
    const org = config.organizations.find((o) => o.id === id);
    if (!org) throw new UsageError(`unknown organisation "${id}" (known: ${config.organizations.map((o) => o.id).join(', ')})`);
    return org;
  };

  switch (command) {
    case 'serve': {
      const { startServer } = await import('../node/start-server.ts');
      const server = await startServer(config);
      console.log(`erp-sync listening on ${server.url}`);
      onStopSignals(() => {
        server.close({ deadlineMs }).then(
          () => process.exit(0),
          (err: unknown) => {
            log.error('shutdown failed', err);
            process.exit(1);
          },
        );
      }, log);
      return new Promise<number>(() => {}); // runs until a signal
    }
    case 'import': {
      const org = orgOf();
      const file = need(values.file, 'file');
      if (!existsSync(file)) throw new UsageError(`cannot read ${file}: ENOENT`);
      // In an import worker thread, as the server runs imports: its heap is bounded
      // (imports.heapMb), which this thread's cannot be once started.
      const product = await openProduct(config);
      stopRunsOnSignal(product);
      try {
        const bar = progressPrinter();
        const result = await product.runner
          .importInput(org.id, { kind: 'file', path: resolve(file) }, { date: values['as-of'], onProgress: bar.update })
          .finally(bar.done);
        console.log(formatRun(result, (await product.store.summary(org.id)).topReasons));
        return 0;
      } finally {
        await product.close();
      }
    }
    case 'run': {
      const org = orgOf();
      const product = await openProduct(config);
      stopRunsOnSignal(product);
      try {
        const bar = progressPrinter();
        const result = await product.runner.runSource(org.id, { date: values['as-of'], onProgress: bar.update }).finally(bar.done);
        console.log(formatRun(result, (await product.store.summary(org.id)).topReasons));
        return 0;
      } finally {
        await product.close();
      }
    }
    case 'token': {
      const org = orgOf();
      const ttl = values.ttl ? Number(values.ttl) : 8 * 3600;
      if (!Number.isInteger(ttl) || ttl <= 0) throw new UsageError('--ttl must be a positive number of seconds');
      const { signAdminToken } = await import('../http/index.ts');
      console.log(await signAdminToken(config.auth.jwtSecret, { org: org.id, ttlSeconds: ttl, audience: config.auth.audience }));
      return 0;
    }
    case 'anonymise': {
      const orgs = values.org ? [orgOf()] : config.organizations;
      const dryRun = values['dry-run'] === true;
      const product = await openProduct(config, { executor: 'thread' });
      try {
        const { applyRetention } = await import('../ops/retention.ts');
        const reports = await applyRetention(product.store, orgs, { now: new Date(), dryRun, log });
        console.log(formatRetention(reports, dryRun));
        return 0;
      } finally {
        await product.close();
      }
    }
    default:
      throw new UsageError(`unknown command "${command}"\n${usage}`);
  }
}

/** `copy`: no config needed, the two databases are named on the command line. */
async function copy(from: string, to: string): Promise<number> {
  if (!existsSync(from)) throw new UsageError(`cannot read ${from}: ENOENT`);
  if (!isPostgresUrl(to)) throw new UsageError(`--to must be a postgres:// URL`);
  const { CopyRefusedError, copyToPostgres } = await import('../node/copy-to-postgres.ts');
  let counts: Awaited<ReturnType<typeof copyToPostgres>>;
  try {
    counts = await copyToPostgres(resolve(from), to, (t) => console.log(`${t.table.padEnd(18)} ${String(t.postgres).padStart(10)} rows`));
  } catch (err) {
    // Refused (the target holds data already): said in words, as the other known errors below.
    if (!(err instanceof CopyRefusedError)) throw err;
    console.error(`erp-sync: ${err.message}`);
    return 1;
  }
  console.log(`copied and verified: ${counts.reduce((n, t) => n + t.postgres, 0)} rows in ${counts.length} tables`);
  return 0;
}

/**
 * ERP_SYNC_USAGE_FILE=path: at exit, the process's peak memory (all its threads: the import
 * workers included), CPU time and Node options are written there as JSON — what `npm run bench` measures.
 */
function reportUsage(): void {
  const path = process.env.ERP_SYNC_USAGE_FILE;
  if (!path) return;
  const u = process.resourceUsage();
  writeFileSync(
    path,
    JSON.stringify({ maxRssKb: u.maxRSS, userMs: u.userCPUTime / 1000, systemMs: u.systemCPUTime / 1000, execArgv: process.execArgv }),
  );
}
process.on('exit', reportUsage);

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) console.error(`erp-sync: ${err.message}`);
    else if (err instanceof ConfigError || err instanceof RunError || err instanceof PushBodyError || err instanceof SourceError)
      console.error(`erp-sync: ${err.message}`);
    else console.error('erp-sync: unexpected error', err);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
