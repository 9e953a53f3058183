/**
 * Where a run keeps what it produced between passes (checked records, upserts, changes...):
 * in memory here; the Node edge spills to disk past a size (server/node/file-spool.ts), so a
 * million-record run stays within a bounded heap. Read as batches, in append order, any number
 * of times.
 */
export interface Spool<T> {
  append(items: readonly T[]): Promise<void>;
  read(): AsyncIterable<T[]>;
  /**
   * Every item once more, in order, for the last reading: each batch is let go once handed over
   * (a run's checked records are not all held while their upserts pile up), and the spool is
   * disposed at the end.
   */
  drain(): AsyncIterable<T[]>;
  readonly count: number;
  /** Frees what the spool holds (a temporary file); reading after this is an error. */
  dispose(): Promise<void>;
}

/** Makes a spool; `name` tells what it holds (file names, diagnostics). */
export type SpoolFactory = <T>(name: string) => Spool<T>;

const BATCH = 1_000;

export function memorySpool<T>(): Spool<T> {
  let items: T[] | null = [];
  const live = (): T[] => {
    if (items === null) throw new Error('spool read after dispose');
    return items;
  };
  return {
    async append(batch) {
      const list = live();
      for (const it of batch) list.push(it);
    },
    async *read() {
      const list = live();
      for (let i = 0; i < list.length; i += BATCH) yield list.slice(i, i + BATCH);
    },
    async *drain() {
      const list = live();
      items = null;
      for (let i = 0; i < list.length; i += BATCH) yield list.slice(i, i + BATCH);
    },
    get count() {
      return live().length;
    },
    async dispose() {
      items = null;
    },
  };
}

export const memorySpools: SpoolFactory = () => memorySpool();

/** Batches of an in-memory list, as a spool's read() gives them. */
export async function* batchesOf<T>(items: readonly T[], size = BATCH): AsyncIterable<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
