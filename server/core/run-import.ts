/**
 * The pipeline over data already in memory: a Snapshot against a PreviousState, the outcome as
 * plain arrays. The same importRecords() the runner streams, so tests of the rules and the
 * browser mock exercise the one implementation.
 */
import { importRecords } from './import-records.ts';
import { batchesOf, type Spool } from './spool.ts';
import type { ImportSettings, PreviousState, RecordStream, RunClock, RunOutcome, Snapshot, StateReader } from './types.ts';

/** A snapshot already read, as the stream a source would have given. */
export function snapshotStream(snapshot: Snapshot): RecordStream {
  return { source: snapshot.source, meta: snapshot.meta, batches: () => batchesOf(snapshot.records) };
}

/** A StateReader over a whole state held in memory. */
export function stateReaderOf(previous: PreviousState): StateReader {
  return {
    fingerprints: new Map([...previous.contracts].map(([code, c]) => [code, { status: c.status, hash: c.hash }])),
    rejections: previous.rejections,
    sessions: previous.sessions,
    async contracts(codes) {
      return codes.flatMap((code) => {
        const c = previous.contracts.get(code);
        return c ? [c] : [];
      });
    },
  };
}

/** Everything a spool holds, in order. */
export async function collect<T>(spool: Spool<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const batch of spool.read()) for (const item of batch) out.push(item);
  return out;
}

export async function runImport(
  previous: PreviousState,
  snapshot: Snapshot,
  settings: ImportSettings,
  clock: RunClock,
): Promise<RunOutcome> {
  const result = await importRecords({ stream: snapshotStream(snapshot), state: stateReaderOf(previous), settings, clock });
  try {
    const held = result.status === 'held';
    return {
      status: result.status,
      counts: result.counts,
      guard: result.guard,
      // A held run applies nothing: what it would write is not part of its outcome.
      upserts: held ? [] : await collect(result.upserts),
      // What this snapshot's records would be rejected for: the push report names them by index.
      rejections: await collect(result.rejections),
      newSessions: held ? [] : result.newSessions,
      changes: held ? [] : await collect(result.changes),
    };
  } finally {
    await result.dispose();
  }
}
