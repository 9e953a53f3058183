/**
 * The machine's busy CPU time, from Linux's /proc/stat: what an import costs in all, its
 * PostgreSQL server's work included (a process the CLI's own accounting cannot see). Divided by
 * the cores, it bounds the import's time from below: no schedule of that work on this machine
 * can finish sooner. Null where /proc/stat is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** Linux reports /proc/stat in USER_HZ ticks: 100 a second on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

export function machineBusyMs(): number | null {
  if (!existsSync('/proc/stat')) return null;
  const [, user, nice, system, , , irq, softirq] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  return ((user + nice + system + irq + softirq) * 1000) / TICKS_PER_SECOND;
}

export const cores = availableParallelism();

/** `CPU 10.8 s, at least 5.4 s on 2 cores = 2.78× the floor`: the ratio no schedule of this work goes below here. */
export function cpuBound(cpuMs: number | null, floorMs: number, whose: string): string {
  if (cpuMs === null) return 'CPU not measured';
  const bound = cpuMs / cores;
  return `CPU ${(cpuMs / 1000).toFixed(1)} s (${whose}): at least ${(bound / 1000).toFixed(2)} s on ${cores} cores = ${(bound / floorMs).toFixed(2)}× the floor`;
}
