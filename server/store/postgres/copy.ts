/**
 * Rows streamed into a table with `COPY … FROM STDIN` (text format), for rows that are only ever
 * inserted: a first import's contracts, every run's changes. PostgreSQL reads COPY rows as they
 * arrive, without the array literals, `unnest` and `INSERT … SELECT` of batch.ts: a 100,000-
 * contract first import spent 2.7 s of PostgreSQL time and about as much JavaScript (array
 * literals, and the garbage of one array per column) writing its contracts that way.
 * pg-copy-streams is loaded when used, as the driver is (open.ts).
 */
import { createRequire } from 'node:module';
import type pg from 'pg';
import type { CopyStreamQuery, from } from 'pg-copy-streams';

const copyFrom = (sql: string): CopyStreamQuery => (createRequire(import.meta.url)('pg-copy-streams') as { from: typeof from }).from(sql);

/** Sent to PostgreSQL in pieces of about this many characters. */
const PIECE = 256 * 1024;

const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value as a field of COPY's text format: null as \N, backslash, tab and line breaks escaped. */
export function copyField(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  const s = typeof v === 'string' ? v : String(v);
  return SPECIAL.test(s) ? s.replace(SPECIALS, (c) => ESCAPES[c]) : s;
}

const LEXEME_SPECIAL = /['\\:]/;

/**
 * Space-separated words (search.ts indexedWords) as tsvector input, the same lexemes as
 * `array_to_tsvector(string_to_array(words, ' '))`. Words hold only letters and digits, so they
 * go as they are; anything else is quoted, so that a quote or a colon can never be read as syntax.
 */
export function tsvectorText(words: string): string {
  if (!LEXEME_SPECIAL.test(words)) return words;
  return words
    .split(' ')
    .filter((w) => w !== '')
    .map((w) => `'${w.replace(/['\\]/g, (c) => (c === "'" ? "''" : '\\\\'))}'`)
    .join(' ');
}

/** One COPY in progress on a client: rows added, then finished (or aborted: the COPY fails, so does the transaction). */
export class CopyRows {
  private readonly stream: CopyStreamQuery;
  private readonly done: Promise<void>;
  private text = '';
  private rows = 0;

  /** `sql`: `COPY table (columns) FROM STDIN`. */
  constructor(client: pg.PoolClient, sql: string) {
    this.stream = client.query(copyFrom(sql));
    this.done = new Promise<void>((resolve, reject) => {
      this.stream.on('finish', resolve);
      this.stream.on('error', reject);
    });
    // Marked as handled: the failure is thrown by the next add() that waits, or by finish().
    this.done.catch(() => undefined);
  }

  get count(): number {
    return this.rows;
  }

  async add(values: readonly (string | number | boolean | null)[]): Promise<void> {
    let line = copyField(values[0]);
    for (let i = 1; i < values.length; i++) line += `\t${copyField(values[i])}`;
    this.text += `${line}\n`;
    this.rows++;
    if (this.text.length >= PIECE) await this.send();
  }

  async finish(): Promise<void> {
    if (this.text !== '') await this.send();
    this.stream.end();
    await this.done;
  }

  /** Ends the COPY with a failure (a CopyFail message), so that the connection can roll back. */
  abort(err: Error): void {
    if (!this.stream.destroyed) this.stream.destroy(err);
  }

  private async send(): Promise<void> {
    const piece = this.text;
    this.text = '';
    if (this.stream.write(piece)) return;
    // PostgreSQL is behind: wait for it, or for its failure.
    await Promise.race([new Promise<void>((resolve) => this.stream.once('drain', resolve)), this.done]);
  }
}
