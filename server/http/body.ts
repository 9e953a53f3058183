/**
 * Receiving a push body as a stream: gzip decoded on the way in (`Content-Encoding: gzip`),
 * counted against `maxBytes` on the bytes actually received (413 past it, declared or not), and
 * handed to a sink — memory here (the browser mock, tests), a temporary file on the Node server
 * (server/node/spool-body.ts) — never as one string. Decoding and checking the records is the
 * import's job, off the request thread.
 */
import type { BodyFormat, ReceivedBody } from '../runner/runner.ts';
import { badRequest, HttpError, payloadTooLarge } from './errors.ts';

/** Where a body's bytes go while it is received. */
export interface BodySink {
  write(chunk: Uint8Array): Promise<void>;
  /** The body as the runner reads it, and how to free it once the run is over. */
  finish(format: BodyFormat, size: number): Promise<{ body: ReceivedBody; dispose(): Promise<void> }>;
  abort(): Promise<void>;
}

export type BodySinkFactory = () => BodySink;

export function memorySink(): BodySink {
  const parts: Uint8Array[] = [];
  return {
    async write(chunk) {
      parts.push(chunk);
    },
    async finish(format, size) {
      const bytes = new Uint8Array(size);
      let at = 0;
      for (const p of parts) {
        bytes.set(p, at);
        at += p.byteLength;
      }
      parts.length = 0;
      return { body: { kind: 'bytes', bytes, format }, dispose: async () => {} };
    },
    async abort() {
      parts.length = 0;
    },
  };
}

/** application/x-ndjson (or jsonl): one contract per line; application/json: an array, or NDJSON told by its first character. */
export function formatOf(contentType: string | null): BodyFormat {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/x-ndjson' || type === 'application/ndjson' || type === 'application/jsonl') return 'ndjson';
  return 'auto';
}

export async function receiveBody(
  req: Request,
  maxBytes: number,
  sink: BodySink,
): Promise<{ body: ReceivedBody; size: number; dispose(): Promise<void> }> {
  const declared = req.headers.get('Content-Length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes) throw payloadTooLarge(maxBytes);
  const encoding = (req.headers.get('Content-Encoding') ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') {
    throw new HttpError(
      415,
      'UNSUPPORTED_ENCODING',
      `Content-Encoding « ${encoding} » non pris en charge : envoyez le corps tel quel ou en gzip.`,
    );
  }
  let size = 0;
  if (req.body) {
    const stream = encoding === 'gzip' ? req.body.pipeThrough(new DecompressionStream('gzip')) : req.body;
    const reader = stream.getReader();
    try {
      for (;;) {
        let step: Awaited<ReturnType<typeof reader.read>>;
        try {
          step = await reader.read();
        } catch {
          throw badRequest('INVALID_ENCODING', 'Corps gzip illisible : envoyez un gzip complet et valide (Content-Encoding: gzip).');
        }
        if (step.done) break;
        size += step.value.byteLength;
        if (size > maxBytes) throw payloadTooLarge(maxBytes);
        await sink.write(step.value);
      }
    } catch (err) {
      await reader.cancel().catch(() => undefined);
      await sink.abort();
      throw err;
    }
  }
  const { body, dispose } = await sink.finish(formatOf(req.headers.get('Content-Type')), size);
  return { body, size, dispose };
}
