/**
 * Rows written by thousands through `INSERT … SELECT FROM unnest(…)`, one statement in flight
 * while the next is prepared. A first import of 100,000 contracts spent about 3 s of JavaScript
 * (reading the spools, encoding the records, turning columns into array literals) and 4 s of
 * PostgreSQL one after the other; with the statement sent before the next rows are prepared,
 * the two overlap. The arrays are turned into literals here, before the statement is sent, for
 * the same reason: the driver would otherwise do it when it dispatches the statement, while the
 * server waits for it.
 */
import type pg from 'pg';

export const ROWS_PER_STATEMENT = 2_000;

const NEEDS_ESCAPE = /["\\]/;
const ESCAPED = /["\\]/g;

/**
 * A column as a PostgreSQL array literal: what the driver makes of a JS array (`{"a","b",NULL}`),
 * each element quoted, its quotes and backslashes escaped, null as NULL.
 */
export function arrayLiteral(values: readonly unknown[]): string {
  const parts: string[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) parts[i] = 'NULL';
    else {
      const s = typeof v === 'string' ? v : String(v);
      parts[i] = NEEDS_ESCAPE.test(s) ? `"${s.replace(ESCAPED, '\\$&')}"` : `"${s}"`;
    }
  }
  return `{${parts.join(',')}}`;
}

/** Columns as arrays, filled row by row, sent as one `INSERT … SELECT FROM unnest(…)` per ROWS_PER_STATEMENT rows. */
export class Batch {
  private columns: unknown[][];
  private count = 0;
  /** The statement sent and not yet answered: its failure is thrown by the next send or flush. */
  private inflight: Promise<unknown> | null = null;

  constructor(
    private readonly client: pg.PoolClient,
    private readonly types: readonly string[],
    private readonly statement: (unnest: string) => string,
  ) {
    this.columns = types.map(() => []);
  }

  /** Adds a row; a full batch is sent (not waited for). */
  async add(values: readonly unknown[]): Promise<void> {
    for (let i = 0; i < values.length; i++) this.columns[i].push(values[i]);
    if (++this.count >= ROWS_PER_STATEMENT) await this.send();
  }

  /** Sends the rows gathered so far once the previous statement is answered, without waiting for this one. */
  async send(): Promise<void> {
    if (this.count === 0) return;
    const params = this.columns.map(arrayLiteral);
    this.columns = this.types.map(() => []);
    this.count = 0;
    await this.settle();
    const unnest = `unnest(${this.types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`;
    const sent = this.client.query(this.statement(unnest), params);
    // Marked as handled here; the failure itself is thrown by the next settle().
    sent.catch(() => undefined);
    this.inflight = sent;
  }

  /** Sends what is left and waits for every statement: written, or the first failure thrown. */
  async flush(): Promise<void> {
    await this.send();
    await this.settle();
  }

  private async settle(): Promise<void> {
    const pending = this.inflight;
    this.inflight = null;
    await pending;
  }
}
