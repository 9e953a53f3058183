/**
 * SIGTERM and SIGINT: the first one starts a graceful stop (told once); a second one, while that
 * stop is under way, exits at once (an operator pressing Ctrl-C twice). Whatever a forced exit
 * interrupts is safe: a run applies in one transaction, rolled back with the process.
 */
import type { Logger } from '../ops/log.ts';

export function onStopSignals(stop: (signal: NodeJS.Signals) => void, log: Logger): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn('second signal: exiting now', { signal });
      process.exit(1);
    }
    stopping = true;
    log.info('stop signal received', { signal });
    stop(signal);
  };
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
}
