/**
 * Which process is working on a run, told by PostgreSQL itself. Each tenure of a run (opened,
 * or taken back to work for an approval) gets a random holder token, stored in its row, and a
 * connection of its own that keeps a session advisory lock on that token. When the process
 * dies, PostgreSQL closes the connection and the lock goes with it: another instance opening a
 * run for the organisation sees the lock free and declares the run interrupted at once, without
 * waiting for its lease to run out. A live but silent process is still caught by the lease.
 *
 * The run may end in another thread than the one holding it (the HTTP thread opens a run, an
 * import worker applies it): holds whose run is no longer running under their token are
 * released by a watch every few seconds, as well as at once when the run ends here.
 */
import type pg from 'pg';

/** The SQL expression of a holder's lock key from its token bound (or named) as `param`. */
export const runLockKey = (param: string): string => `hashtextextended('erp-sync:run:' || ${param}, 0)`;

const WATCH_MS = 2_000;

interface Hold {
  holder: string;
  client: pg.Client;
}

export class RunHolds {
  private readonly held = new Map<string, Hold>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly pool: pg.Pool) {}

  keep(runId: string, holder: string, client: pg.Client): void {
    this.held.set(runId, { holder, client });
    this.timer ??= setInterval(() => void this.sweep(), WATCH_MS);
    // The watch never keeps a process alive on its own.
    this.timer.unref();
  }

  /** The run ended (or is no longer ours): its connection closes, its lock with it. */
  async release(runId: string): Promise<void> {
    const h = this.held.get(runId);
    if (!h) return;
    this.held.delete(runId);
    if (this.held.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
    await h.client.end().catch(() => undefined);
  }

  /** Releases the holds of runs that ended elsewhere (another thread of this process, an admin). */
  private async sweep(): Promise<void> {
    const ids = [...this.held.keys()];
    if (ids.length === 0) return;
    try {
      const r = await this.pool.query<{ id: string; holder: string }>(
        `SELECT id, holder FROM runs WHERE id = ANY($1::text[]) AND status = 'running'`,
        [ids],
      );
      const live = new Map(r.rows.map((x) => [x.id, x.holder]));
      for (const id of ids) if (live.get(id) !== this.held.get(id)?.holder) await this.release(id);
    } catch {
      // The database is unreachable for a moment: the next sweep tries again.
    }
  }

  async releaseAll(): Promise<void> {
    await Promise.all([...this.held.keys()].map((id) => this.release(id)));
  }
}
