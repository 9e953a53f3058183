/**
 * Structured JSON logs (pino) on stderr — stdout stays for command output. Every line made while
 * serving a request carries its `reqId`, every line about a run its `runId`, through an
 * AsyncLocalStorage context, so callers never thread ids by hand.
 *
 * Personal data never reaches a line: callers log ids, codes and counts only, and as a safety
 * net every message and error is scrubbed (scrub.ts) of e-mail addresses, tokens and the JSON
 * excerpts V8 quotes in parse errors (a push body's names).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { pino } from 'pino';
import { scrub } from './scrub.ts';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Ids a line is about; set for a stretch of async work by withLogContext. */
export interface LogContext {
  reqId?: string;
  runId?: string;
  org?: string;
}

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, err?: unknown, fields?: LogFields): void;
  setLevel(level: LogLevel): void;
}

const context = new AsyncLocalStorage<LogContext>();

/** Runs `fn` with these ids added to every log line it (and what it starts) makes. */
export function withLogContext<T>(ids: LogContext, fn: () => T): T {
  return context.run({ ...context.getStore(), ...ids }, fn);
}

/** An error as a log field: its type, code and scrubbed message and stack, nothing else it may carry. */
export function errorFields(err: unknown): Record<string, string> {
  if (!(err instanceof Error)) return { message: scrub(String(err)) };
  const code = (err as { code?: unknown }).code;
  return {
    type: err.name,
    ...(typeof code === 'string' ? { code } : {}),
    message: scrub(err.message),
    ...(err.stack ? { stack: scrub(err.stack) } : {}),
  };
}

export function createLogger(opts: { level?: LogLevel; destination?: pino.DestinationStream } = {}): Logger {
  const base = pino(
    {
      level: opts.level ?? 'info',
      base: { service: 'erp-sync' },
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => ({ ...context.getStore() }),
      // Defence in depth: fields named like secrets never print, whoever logs them.
      redact: { paths: ['authorization', 'token', 'secret', 'password', 'pass', '*.authorization', '*.token'], censor: '[redacted]' },
    },
    // Synchronous: a line written just before process.exit is never lost.
    opts.destination ?? pino.destination({ dest: 2, sync: true }),
  );
  const line = (level: 'debug' | 'info' | 'warn', msg: string, fields?: LogFields) => base[level]({ ...fields }, scrub(msg));
  return {
    debug: (msg, fields) => line('debug', msg, fields),
    info: (msg, fields) => line('info', msg, fields),
    warn: (msg, fields) => line('warn', msg, fields),
    error(msg, err, fields) {
      base.error({ ...fields, ...(err === undefined ? {} : { error: errorFields(err) }) }, scrub(msg));
    },
    setLevel(level) {
      base.level = level;
    },
  };
}

/**
 * A plain-text logger (what the runner and the scheduler are given) writing structured lines:
 * the run and organisation a message names ("run 20260312-… of cfa-lyon failed") become
 * `runId` and `org` fields, so those lines are found by id like the others.
 */
export function textLog(logger: Logger): { info(msg: string): void; error(msg: string, err?: unknown): void } {
  const ids = (msg: string): LogFields => {
    const runId = /\brun (?!of\b)([\w.:-]+)/.exec(msg)?.[1];
    const org = /\bof ([\w-]+)/.exec(msg)?.[1];
    return { ...(runId ? { runId } : {}), ...(org ? { org } : {}) };
  };
  return {
    info: (msg) => logger.info(msg, ids(msg)),
    error: (msg, err) => logger.error(msg, err, ids(msg)),
  };
}
