/** A push body received straight into a temporary file: the HTTP thread never holds it whole. */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BodySink } from '../http/body.ts';

export interface FileBodySinks {
  /** A sink for one request's body (RouteDeps.bodySink). */
  open(): BodySink;
  /**
   * Removes the bodies still on disk. A large push's body is removed when its run ends, a moment
   * after: a server shutting down exited before that moment came, and left the body (tens of
   * megabytes, a gigabyte for a million contracts) in the temporary folder, at every stop.
   */
  close(): Promise<void>;
}

export function fileBodySink(dir = tmpdir()): FileBodySinks {
  /** Folders created and not removed yet. */
  const folders = new Set<string>();
  const remove = async (folder: string) => {
    await rm(folder, { recursive: true, force: true });
    folders.delete(folder);
  };
  return {
    open() {
      let folder: string | null = null;
      let out: WriteStream | null = null;
      /** The body's file, created on the first chunk. */
      const stream = async (): Promise<WriteStream> => {
        if (!out) {
          folder = await mkdtemp(join(dir, 'erp-sync-push-'));
          folders.add(folder);
          out = createWriteStream(join(folder, 'body'));
        }
        return out;
      };
      const clean = async () => {
        if (folder) await remove(folder);
      };
      const close = (s: WriteStream) =>
        new Promise<void>((resolve, reject) => s.end((err?: Error | null) => (err ? reject(err) : resolve())));
      return {
        async write(chunk) {
          const s = await stream();
          if (!s.write(chunk)) await new Promise<void>((r) => s.once('drain', () => r()));
        },
        async finish(format, size) {
          const s = await stream();
          await close(s);
          const path = join(folder as string, 'body');
          return { body: { kind: 'file', path, size, format }, dispose: clean };
        },
        async abort() {
          if (out) await close(out).catch(() => undefined);
          await clean();
        },
      };
    },
    async close() {
      await Promise.all([...folders].map(remove));
    },
  };
}
