/**
 * How far an import is, on the command line: a bar redrawn in place on a terminal, plain
 * timestamped lines (one per phase, and every few seconds) when the output is a file or a pipe.
 */
import type { runProgress } from '../../contract/index.ts';

const PHASES: Record<runProgress['phase'], string> = { reading: 'reading', checking: 'checking', writing: 'writing' };

export function progressPrinter(out: NodeJS.WriteStream = process.stderr): { update(p: runProgress): void; done(): void } {
  const started = Date.now();
  let lastPhase = '';
  let lastLine = 0;
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const count = (p: runProgress) =>
    p.total === null ? p.done.toLocaleString('en') : `${p.done.toLocaleString('en')} / ${p.total.toLocaleString('en')}`;
  if (out.isTTY) {
    return {
      update(p) {
        const width = 30;
        const filled = p.total ? Math.round((p.done / Math.max(1, p.total)) * width) : 0;
        const bar = p.total ? `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]` : '[ ... ]';
        out.write(`\r${PHASES[p.phase].padEnd(9)} ${bar} ${count(p).padEnd(24)} ${elapsed()}   `);
      },
      done() {
        out.write('\n');
      },
    };
  }
  return {
    update(p) {
      const now = Date.now();
      if (p.phase === lastPhase && now - lastLine < 5_000) return;
      lastPhase = p.phase;
      lastLine = now;
      out.write(`${elapsed()} ${PHASES[p.phase]} ${count(p)}\n`);
    },
    done() {
      out.write(`${elapsed()} done\n`);
    },
  };
}
