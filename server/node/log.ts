/**
 * The process's logger: structured JSON lines on stderr (server/ops/log.ts), level from the
 * config (`log.level`) once it is read, or ERP_SYNC_LOG_LEVEL which always wins.
 */
import { createLogger, type Logger, type LogLevel } from '../ops/log.ts';

const LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function envLevel(): LogLevel | undefined {
  const v = process.env.ERP_SYNC_LOG_LEVEL;
  return LEVELS.find((l) => l === v);
}

export const log: Logger = createLogger({ level: envLevel() ?? 'info' });
export type Log = Logger;

/** Applies the configured level (the environment variable, when set, keeps precedence). */
export function configureLog(level: LogLevel): void {
  log.setLevel(envLevel() ?? level);
}
