/**
 * Received records in PostgreSQL: the blocks of the SQLite store (common/received-codec.ts),
 * deflated, stored once under the hash of their text. Blocks already stored are not deflated
 * again: an unchanged export costs its hashes and references only.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { deflateRaw, inflateRaw } from 'node:zlib';
import type { ReceivedRecord } from '../../core/types.ts';
import { BLOCK_RECORDS, decodeRecords, encodeRecords } from '../common/received-codec.ts';
import { type Queryable, rows } from './context.ts';

// Level 1: most of the gain at a fraction of the time; the nightly run is the hot path.
const DEFLATE = { level: 1 };
const deflateAsync = promisify(deflateRaw);
const inflateAsync = promisify(inflateRaw);

export interface PreparedBlock {
  records: number;
  hash: string;
  /** Null when a block with this hash was already stored. */
  body: Uint8Array | null;
  /** Null for a block encoded by another thread: it comes with its body. */
  text: string | null;
}

/** Cuts records into blocks, deflating (on libuv's thread pool) only those not stored yet. */
export async function prepareBlocks(db: Queryable, records: readonly ReceivedRecord[]): Promise<PreparedBlock[]> {
  const blocks: PreparedBlock[] = [];
  for (let i = 0; i < records.length; i += BLOCK_RECORDS) {
    const slice = records.slice(i, i + BLOCK_RECORDS);
    const text = encodeRecords(slice);
    blocks.push({ records: slice.length, hash: createHash('sha1').update(text).digest('base64url'), body: null, text });
  }
  if (blocks.length === 0) return blocks;
  const known = new Set(
    (await rows<{ hash: string }>(db, 'SELECT hash FROM received_chunks WHERE hash = ANY($1::text[])', [blocks.map((b) => b.hash)])).map(
      (r) => r.hash,
    ),
  );
  await Promise.all(
    blocks.map(async (b) => {
      if (!known.has(b.hash)) b.body = await deflateAsync(b.text ?? '', DEFLATE);
    }),
  );
  return blocks;
}

/** The id of a block's stored row, inserting it unless stored (by another run or instance meanwhile too). */
export async function keepBlock(db: Queryable, block: PreparedBlock): Promise<string> {
  const found = await rows<{ id: string }>(db, 'SELECT id FROM received_chunks WHERE hash = $1', [block.hash]);
  if (found.length > 0) return found[0].id;
  // Pruned since it was looked up: deflated here after all.
  if (block.body === null && block.text === null) throw new Error(`received block ${block.hash} has neither body nor text`);
  const body = block.body ?? (await deflateAsync(block.text ?? '', DEFLATE));
  const inserted = await rows<{ id: string }>(
    db,
    `INSERT INTO received_chunks (hash, records, body) VALUES ($1, $2, $3)
     ON CONFLICT (hash) DO UPDATE SET hash = EXCLUDED.hash RETURNING id`,
    [block.hash, block.records, body],
  );
  return inserted[0].id;
}

export async function decodeBlock(body: Buffer): Promise<ReceivedRecord[]> {
  return decodeRecords((await inflateAsync(body)).toString('utf8'));
}
