/**
 * Received records, kept verbatim at national scale: ~1,000 records per block, one NDJSON line
 * per record (common/received-codec.ts), deflated. A block is stored once under the
 * hash of its text, whichever runs received it: the same export received again adds nothing
 * but references. Blocks are cut at fixed positions (every BLOCK_RECORDS records from the first)
 * so that an unchanged export cuts into the very same blocks.
 */
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { deflateRaw, deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ReceivedRecord } from '../../core/types.ts';
import { BLOCK_RECORDS, decodeRecords, encodeRecords } from '../common/received-codec.ts';

export { BLOCK_RECORDS };

export function decodeBlock(body: Uint8Array): ReceivedRecord[] {
  return decodeRecords(inflateRawSync(body).toString('utf8'));
}

const hashOf = (text: string) => createHash('sha1').update(text).digest('base64url');
// Level 1: most of the gain at a fraction of the time; the nightly run is the hot path.
const DEFLATE = { level: 1 };
const deflateAsync = promisify(deflateRaw);

/**
 * A block as stored: its content hash and its deflated text (null when its hash is among `known`:
 * stored already, not deflated again); and the text itself.
 */
export function encodeBlock(
  records: readonly ReceivedRecord[],
  known: ReadonlySet<string> = new Set(),
): { hash: string; body: Uint8Array | null; text: string } {
  const text = encodeRecords(records);
  // Encoded to UTF-8 once for both: the same hash as hashOf(text), a fifth less time per block.
  const bytes = Buffer.from(text, 'utf8');
  const hash = createHash('sha1').update(bytes).digest('base64url');
  return { hash, body: known.has(hash) ? null : deflateRawSync(bytes, DEFLATE), text };
}

/**
 * A block ready to store: its hash, and its deflated body unless already stored (then its text,
 * deflated if it was pruned meanwhile). A block encoded by another thread comes with its body.
 */
export interface PreparedBlock {
  records: number;
  text: string | null;
  hash: string;
  body: Uint8Array | null;
}

/** A block encoded here, deflated when stored (migrations: no thread pool to wait for). */
export function blockOf(records: readonly ReceivedRecord[]): PreparedBlock {
  const text = encodeRecords(records);
  return { records: records.length, text, hash: hashOf(text), body: null };
}

/**
 * Encodes a block and, unless a block with the same content is stored already, deflates it on
 * libuv's thread pool: the importing thread goes on reading meanwhile.
 */
export async function prepareBlock(db: Database.Database, records: readonly ReceivedRecord[]): Promise<PreparedBlock> {
  const text = encodeRecords(records);
  const hash = hashOf(text);
  const known = db.prepare<[string], { id: number }>('SELECT id FROM received_chunks WHERE hash = ?').get(hash);
  return { records: records.length, text, hash, body: known ? null : await deflateAsync(text, DEFLATE) };
}

/** Stores one block of a run (the caller holds a write transaction); a block already stored is only referenced. */
export function keepBlock(db: Database.Database, runId: string, seq: number, first: number, block: PreparedBlock): void {
  const find = db.prepare<[string], { id: number }>('SELECT id FROM received_chunks WHERE hash = ?');
  let id = find.get(block.hash)?.id;
  if (id === undefined) {
    // Pruned since it was found: deflated here after all.
    if (block.body === null && block.text === null) throw new Error(`received block ${block.hash} has neither body nor text`);
    const body = block.body ?? deflateRawSync(block.text ?? '', DEFLATE);
    id = Number(
      db.prepare('INSERT INTO received_chunks (hash, records, body) VALUES (?, ?, ?)').run(block.hash, block.records, body).lastInsertRowid,
    );
  }
  db.prepare('INSERT INTO run_received (run_id, seq, first, chunk) VALUES (?, ?, ?, ?)').run(runId, seq, first, id);
}
