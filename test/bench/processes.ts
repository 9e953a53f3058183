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
  /** The Node and V8 options the process ran with (absent from an older checkout's CLI). */
  execArgv?: string[];
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
 * what a host runs) through the build's launcher (`erp-sync`: node with the V8 options the host's
 * cores call for, server/deploy/erp-sync.sh) when the checkout has one, else its TypeScript
 * sources through tsx (an older checkout compared with BENCH_CHECKOUT). Building first keeps
 * TypeScript's on-the-fly compilation (about a second of CPU per process, in the process and in
 * its import worker) out of the figures. The launcher is given this Node (NODE); its choice can be
 * overridden as a host's can (ERP_SYNC_SINGLE_THREADED_GC=0 or 1 in the bench's environment).
 */
export interface ProductCommand {
  file: string;
  args: string[];
  /** For the bench's heading. */
  how: string;
}

const commands = new Map<string, ProductCommand>();
export function productCommand(checkout: string): ProductCommand {
  let command = commands.get(checkout);
  if (command) return command;
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
    const launcher = join(checkout, out, 'erp-sync');
    command = existsSync(launcher)
      ? { file: launcher, args: [], how: 'its production build, through its launcher' }
      : { file: process.execPath, args: [join(checkout, out, 'cli.js')], how: 'its production build' };
  } else {
    command = { file: process.execPath, args: ['--import', 'tsx', join(checkout, 'server/cli/main.ts')], how: 'its sources through tsx' };
  }
  commands.set(checkout, command);
  return command;
}

const productEnv = (usageFile: string) => ({ ...process.env, ERP_SYNC_USAGE_FILE: usageFile, NODE: process.execPath });

export async function cli(checkout: string, args: string[], usageFile: string): Promise<CliRun> {
  const product = productCommand(checkout);
  const busy = machineBusyMs();
  const t = performance.now();
  const child = spawn(product.file, [...product.args, ...args], {
    cwd: checkout,
    env: productEnv(usageFile),
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
  const product = productCommand(checkout);
  const proc = spawn(product.file, [...product.args, 'serve', '--config', config], {
    cwd: checkout,
    env: productEnv(usageFile),
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
