/**
 * The product as a user runs it: the CLI and the server as child processes (end to end, from
 * the process start), with their peak memory (every thread of the process) read from the
 * usage file the CLI writes at exit (ERP_SYNC_USAGE_FILE).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { machineBusyMs } from './cpu.ts';

export interface Usage {
  maxRssKb: number;
  userMs: number;
  systemMs: number;
}

export interface CliRun {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
  usage: Usage | null;
  /** The whole machine's busy CPU time during the run (cpu.ts): the CLI's and its PostgreSQL server's. */
  machineCpuMs: number | null;
}

function usageOf(path: string): Usage | null {
  if (!existsSync(path)) return null;
  const u = JSON.parse(readFileSync(path, 'utf8')) as Usage;
  rmSync(path, { force: true });
  return u;
}

/**
 * How the product starts: its production build (`npm run build:server`, compiled JavaScript,
 * what a host runs) when the checkout has one, else its TypeScript sources through tsx (an older
 * checkout compared with BENCH_CHECKOUT). Building first keeps TypeScript's on-the-fly
 * compilation (about a second of CPU per process, in the process and in its import worker) out
 * of the figures.
 */
const entries = new Map<string, string[]>();
export function productEntry(checkout: string): string[] {
  let entry = entries.get(checkout);
  if (entry) return entry;
  const pkg = JSON.parse(readFileSync(join(checkout, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  if (pkg.scripts?.['build:server']) {
    // Its own output folder, removed at exit: a build:server running beside the bench (the
    // deploy test, another bench) never swaps files under its processes.
    const out = `dist/bench-${process.pid}`;
    process.once('exit', () => rmSync(join(checkout, out), { recursive: true, force: true }));
    const built = spawnSync('npm', ['run', '--silent', 'build:server'], {
      cwd: checkout,
      env: { ...process.env, ERP_SYNC_BUILD_OUT: out },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (built.status !== 0) throw new Error(`npm run build:server failed in ${checkout}`);
    entry = [join(checkout, out, 'cli.js')];
  } else {
    entry = ['--import', 'tsx', join(checkout, 'server/cli/main.ts')];
  }
  entries.set(checkout, entry);
  return entry;
}

/**
 * Node options given to every product process (BENCH_NODE_FLAGS, split on spaces): an operator's
 * tuning measured in a whole run, e.g. `--single-threaded-gc` (a V8 flag that can only be given at
 * start). None by default: the product as `node cli.js` runs it.
 */
const nodeFlags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter((f) => f !== '');

export async function cli(checkout: string, args: string[], usageFile: string): Promise<CliRun> {
  const entry = productEntry(checkout);
  const busy = machineBusyMs();
  const t = performance.now();
  const child = spawn(process.execPath, [...nodeFlags, ...entry, ...args], {
    cwd: checkout,
    env: { ...process.env, ERP_SYNC_USAGE_FILE: usageFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const [code] = (await once(child, 'exit')) as [number | null];
  const ms = performance.now() - t;
  const after = machineBusyMs();
  return { ms, code, stdout, stderr, usage: usageOf(usageFile), machineCpuMs: busy === null || after === null ? null : after - busy };
}

export interface Server {
  url: string;
  proc: ChildProcess;
  /** Stops it (SIGTERM) and reads its peak memory. */
  stop(): Promise<Usage | null>;
}

export async function startServer(checkout: string, config: string, usageFile: string): Promise<Server> {
  const proc = spawn(process.execPath, [...nodeFlags, ...productEntry(checkout), 'serve', '--config', config], {
    cwd: checkout,
    env: { ...process.env, ERP_SYNC_USAGE_FILE: usageFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout?.on('data', (d) => (out += d));
  proc.stderr?.on('data', (d) => (err += d));
  const deadline = Date.now() + 60_000;
  while (!/listening on (\S+)/.test(out)) {
    if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start: ${err}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const url = (/listening on (\S+)/.exec(out) as RegExpExecArray)[1];
  return {
    url,
    proc,
    async stop() {
      proc.kill('SIGTERM');
      await once(proc, 'exit');
      return usageOf(usageFile);
    },
  };
}
