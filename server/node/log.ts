/** A plain line logger on stderr (stdout stays for command output). */
export const log = {
  info(msg: string): void {
    process.stderr.write(`${new Date().toISOString()} ${msg}\n`);
  },
  error(msg: string, err?: unknown): void {
    const detail = err instanceof Error ? (err.stack ?? err.message) : err === undefined ? '' : String(err);
    process.stderr.write(`${new Date().toISOString()} ERROR ${msg}${detail ? `\n${detail}` : ''}\n`);
  },
};
export type Log = typeof log;
