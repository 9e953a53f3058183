/**
 * Which process is working on a run, told by PostgreSQL itself. A running run is held by a
 * connection of its own that keeps a session advisory lock on the run's key until the run ends
 * here (applied, held, failed, abandoned). When the process dies, PostgreSQL closes the
 * connection and the lock goes with it: another instance opening a run for the organisation
 * sees the lock free and declares the run interrupted at once, without waiting for its lease
 * to run out. A live but silent process is still caught by the lease.
 */
import type pg from 'pg';

/** The SQL expression of a run's lock key from its id bound at `param`. */
export const runLockKey = (param: string): string => `hashtextextended('erp-sync:run:' || ${param}, 0)`;

export class RunHolds {
  private readonly held = new Map<string, pg.Client>();

  keep(runId: string, client: pg.Client): void {
    this.held.set(runId, client);
  }

  /** The run ended (or is no longer ours): its connection closes, its lock with it. */
  async release(runId: string): Promise<void> {
    const c = this.held.get(runId);
    if (!c) return;
    this.held.delete(runId);
    await c.end().catch(() => undefined);
  }

  async releaseAll(): Promise<void> {
    await Promise.all([...this.held.keys()].map((id) => this.release(id)));
  }
}
