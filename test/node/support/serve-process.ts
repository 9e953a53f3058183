/**
 * A real `erp-sync serve` process for tests that need one (signals, logs, the built package):
 * started with a config file, its URL read from stdout, every stderr line (the JSON logs) kept.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';

export interface ServeProcess {
  proc: ChildProcess;
  url: string;
  /** Every line written to stderr so far (JSON log lines). */
  logLines(): string[];
  /** Resolves with the first log line (parsed) that matches, waiting for it if needed. */
  waitForLog(match: (line: Record<string, unknown>) => boolean, what: string): Promise<Record<string, unknown>>;
  /** Resolves with the exit code once the process has exited. */
  exited(): Promise<number | null>;
  kill(signal?: NodeJS.Signals): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long a test waits for the server to say something before failing (not a timing assertion: a hang guard). */
const PATIENCE_MS = 120_000;

export interface ServeOptions {
  /** The command: defaults to the TypeScript CLI under tsx; the built package passes `node cli.js`. */
  command?: { file: string; args: string[]; cwd: string };
  env?: Record<string, string | undefined>;
}

export async function startServe(configFile: string, opts: ServeOptions = {}): Promise<ServeProcess> {
  const cmd = opts.command ?? { file: process.execPath, args: ['--import', 'tsx', resolve('server/cli/main.ts')], cwd: process.cwd() };
  const env: Record<string, string | undefined> = { ...process.env, ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const proc = spawn(cmd.file, [...cmd.args, 'serve', '--config', configFile], { cwd: cmd.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout?.on('data', (d) => {
    out += d;
  });
  proc.stderr?.on('data', (d) => {
    err += d;
  });
  const exit = once(proc, 'exit').then(([code]) => code as number | null);
  const lines = () => err.split('\n').filter((l) => l !== '');
  const started = Date.now();
  while (!/listening on (\S+)/.test(out)) {
    if (proc.exitCode !== null) throw new Error(`serve exited ${proc.exitCode}:\n${err}`);
    if (Date.now() - started > PATIENCE_MS) throw new Error(`serve did not start:\n${err}`);
    await sleep(50);
  }
  return {
    proc,
    url: (/listening on (\S+)/.exec(out) as RegExpExecArray)[1],
    logLines: lines,
    async waitForLog(match, what) {
      const since = Date.now();
      for (;;) {
        for (const l of lines()) {
          try {
            const parsed = JSON.parse(l) as Record<string, unknown>;
            if (match(parsed)) return parsed;
          } catch {
            // not a JSON line: checked by the log test itself
          }
        }
        if (Date.now() - since > PATIENCE_MS) throw new Error(`no log line: ${what}\n${err}`);
        if (proc.exitCode !== null) throw new Error(`serve exited before logging: ${what}\n${err}`);
        await sleep(50);
      }
    },
    exited: () => exit,
    kill: (signal = 'SIGTERM') => void proc.kill(signal),
  };
}
