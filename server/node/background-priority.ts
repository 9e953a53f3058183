/**
 * Imports are background work: the thread that runs one yields the CPU to the HTTP thread, so
 * admin pages answer at once even on a two-core machine busy with a national import. Linux
 * treats a thread's id as a process id for setpriority(2), so a worker thread can lower its own
 * priority (its "nice") without touching the process's HTTP thread. Elsewhere (no
 * /proc/thread-self) nothing changes. An idle machine gives a niced thread the whole core: an
 * import is slowed only while something else needs the CPU.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The nice value of import threads: clearly below the HTTP thread (0), above truly idle work (19). */
export const IMPORT_NICE = 10;

/** Lowers the calling thread's CPU priority; true when it could. */
export function lowerThisThreadPriority(nice: number = IMPORT_NICE): boolean {
  let tid: number;
  try {
    // "<pid>/task/<tid>": the calling thread's own entry.
    tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return false;
  }
  if (!Number.isInteger(tid) || tid <= 0) return false;
  try {
    setPriority(tid, nice);
    return true;
  } catch {
    // Not permitted (a sandbox): the import still runs, at the usual priority.
    return false;
  }
}
