/** Minimal `--flag value` parsing with errors that say which flag is wrong. */
import { parseArgs } from 'node:util';

export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseCommand(argv: string[]) {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: 'string' },
        org: { type: 'string' },
        file: { type: 'string' },
        'as-of': { type: 'string' },
        ttl: { type: 'string' },
        'dry-run': { type: 'boolean' },
        from: { type: 'string' },
        to: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    return { command: positionals[0] ?? 'help', values };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export function need(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`missing --${flag}`);
  return value;
}
