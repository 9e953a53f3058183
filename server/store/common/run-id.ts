/**
 * Run ids: sortable unique strings. Fixed-width base36 millisecond time, then a per-process
 * counter (several runs in one millisecond), then a random tail so that two processes sharing
 * one database file cannot collide. String order = creation order within a process.
 */
const TIME_WIDTH = 9; // base36 ms fits 9 chars until year 5188
const SEQ_WIDTH = 4;

export interface RunIdGenerator {
  next(): string;
}

export function createRunIdGenerator(now: () => number = Date.now): RunIdGenerator {
  let lastMs = -1;
  let seq = 0;
  return {
    next(): string {
      const ms = now();
      if (ms > lastMs) {
        lastMs = ms;
        seq = 0;
      } else {
        seq += 1; // same ms, or the clock went back: stay monotonic
      }
      const tail = Math.floor(Math.random() * 36 ** 3)
        .toString(36)
        .padStart(3, '0');
      return `r${lastMs.toString(36).padStart(TIME_WIDTH, '0')}${seq.toString(36).padStart(SEQ_WIDTH, '0')}${tail}`;
    },
  };
}
