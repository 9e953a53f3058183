/**
 * The runner: reads a source, runs the pure pipeline against the stored state, applies the
 * outcome in one store transaction. Browser-safe (the MSW mock uses it): sources that need
 * Node (files, sockets) are injected as `readSource`.
 */
import type { runSummary, syncDiffResult } from '../../contract/index.ts';
import type { OrgConfig } from '../config/schema.ts';
import { parisDate, parseDate, runImport } from '../core/index.ts';
import type { RunClock, Snapshot } from '../core/types.ts';
import { RunInProgressError, type StartRunInput, type Store } from '../store/store.ts';
import { OrgLock } from './org-lock.ts';
import { RunError, type RunResult, type Runner } from './runner.ts';
import { importSettings } from './settings.ts';

export interface RunnerDeps {
  store: Store;
  organizations: readonly OrgConfig[];
  /** The clock, injected so tests and replays control time. */
  now?: () => Date;
  /** Reads an organisation's csv or pull source. Absent in the browser mock. */
  readSource?: (org: OrgConfig) => Promise<Snapshot>;
  log?: { info(msg: string): void; error(msg: string, err?: unknown): void };
}

export function createRunner(deps: RunnerDeps): Runner {
  const { store } = deps;
  const now = deps.now ?? (() => new Date());
  const lock = new OrgLock();
  const orgs = new Map(deps.organizations.map((o) => [o.id, o]));

  function org(orgId: string): OrgConfig {
    const o = orgs.get(orgId);
    if (!o) throw new RunError('ORG_UNKNOWN', `Organisation inconnue : ${orgId}`);
    return o;
  }

  /** A replayed run (--as-of) is dated at 02:00 Paris time of that day, like a nightly import. */
  function clockFor(date?: string): RunClock {
    if (date) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || parseDate(date, 'dmy') !== date) {
        throw new RunError('SOURCE_FAILED', `Date invalide : ${date} (une date réelle AAAA-MM-JJ attendue)`);
      }
      return { at: `${date}T01:00:00.000Z`, date };
    }
    const at = now().toISOString();
    return { at, date: parisDate(at) };
  }

  async function withLock<T>(orgId: string, fn: () => Promise<T>): Promise<T> {
    if (!lock.tryAcquire(orgId)) {
      throw new RunError('RUN_IN_PROGRESS', 'Un import est déjà en cours pour cette organisation.');
    }
    try {
      return await fn();
    } finally {
      lock.release(orgId);
    }
  }

  /** Opens a run; another live process running this organisation's import is refused like an in-process one. */
  async function openRun(orgId: string, input: StartRunInput, records: Snapshot['records']): Promise<string> {
    try {
      return await store.startRun(orgId, input, records);
    } catch (err) {
      if (err instanceof RunInProgressError) throw new RunError('RUN_IN_PROGRESS', err.message, err.runId);
      throw err;
    }
  }

  async function finished(orgId: string, runId: string): Promise<runSummary> {
    const run = await store.getRun(orgId, runId);
    if (!run) throw new RunError('RUN_NOT_FOUND', `Import introuvable : ${runId}`);
    return run;
  }

  /** Runs an opened run to the end; on any failure the run is marked failed and state is untouched. */
  async function process(o: OrgConfig, runId: string, snapshot: Snapshot, clock: RunClock, bypassGuard: boolean): Promise<RunResult> {
    try {
      const state = await store.loadState(o.id);
      const outcome = runImport(state, snapshot, importSettings(o, bypassGuard), clock);
      await store.applyRun(o.id, runId, outcome, now().toISOString());
      await store.pruneReceived(o.id, o.keepReceivedRuns);
      return { runId, run: await finished(o.id, runId), outcome };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      deps.log?.error(`run ${runId} of ${o.id} failed`, err);
      await store.failRun(o.id, runId, message, now().toISOString());
      throw new RunError('SOURCE_FAILED', message, runId);
    }
  }

  async function readAndRun(o: OrgConfig, date: string | undefined, onOpened?: (runId: string) => void): Promise<RunResult> {
    const read = deps.readSource;
    if (o.source.kind === 'push' || !read) {
      throw new RunError('NOT_RUNNABLE', "Cette organisation envoie ses contrats par l'API (push) : rien à lancer ici.");
    }
    const clock = clockFor(date);
    const source = o.source.kind;
    let snapshot: Snapshot;
    try {
      snapshot = await read(o);
    } catch (err) {
      // The ERP could not be read: the run is recorded as failed with its reason, nothing changes.
      const message = err instanceof Error ? err.message : String(err);
      const runId = await openRun(o.id, { source, startedAt: now().toISOString(), date: clock.date }, []);
      onOpened?.(runId);
      await store.failRun(o.id, runId, message, now().toISOString());
      throw new RunError('SOURCE_FAILED', message, runId);
    }
    const runId = await openRun(o.id, { source, startedAt: clock.at, date: clock.date }, snapshot.records);
    onOpened?.(runId);
    return process(o, runId, snapshot, clock, false);
  }

  return {
    canRun(orgId) {
      return org(orgId).source.kind !== 'push' && Boolean(deps.readSource);
    },

    importSnapshot(orgId, snapshot, opts) {
      const o = org(orgId);
      return withLock(orgId, async () => {
        const clock = clockFor(opts?.date);
        const runId = await openRun(orgId, { source: snapshot.source, startedAt: clock.at, date: clock.date }, snapshot.records);
        return process(o, runId, snapshot, clock, false);
      });
    },

    async dryRun(orgId, snapshot): Promise<syncDiffResult> {
      const o = org(orgId);
      const state = await store.loadState(orgId);
      const outcome = runImport(state, snapshot, importSettings(o, true), clockFor());
      const c = outcome.counts;
      const rejected = outcome.rejections.length;
      return {
        // Valid records that change nothing on the platform.
        same: Math.max(0, snapshot.records.length - rejected - c.added - c.updated - c.fixed),
        added: c.added + c.fixed,
        updated: c.updated,
        removed: c.archived,
        rejected,
      };
    },

    runSource(orgId, opts) {
      const o = org(orgId);
      return withLock(orgId, () => readAndRun(o, opts?.date));
    },

    startSource(orgId) {
      const o = org(orgId);
      if (!this.canRun(orgId)) {
        return Promise.reject(new RunError('NOT_RUNNABLE', "Cette organisation envoie ses contrats par l'API (push) : rien à lancer ici."));
      }
      if (!lock.tryAcquire(orgId)) {
        return Promise.reject(new RunError('RUN_IN_PROGRESS', 'Un import est déjà en cours pour cette organisation.'));
      }
      return new Promise((resolve, reject) => {
        let opened = false;
        readAndRun(o, undefined, (runId) => {
          opened = true;
          resolve({ runId });
        })
          .catch((err: unknown) => {
            if (!opened) reject(err);
            else deps.log?.error(`background run of ${orgId} failed`, err);
          })
          .finally(() => lock.release(orgId));
      });
    },

    approve(orgId, runId) {
      const o = org(orgId);
      return withLock(orgId, async () => {
        const run = await store.getRun(orgId, runId);
        if (!run) throw new RunError('RUN_NOT_FOUND', `Import introuvable : ${runId}`);
        if (run.status !== 'held')
          throw new RunError('RUN_NOT_HELD', `Cet import n'est pas en attente d'approbation (statut : ${run.status}).`);
        const records = await store.getRunRecords(orgId, runId);
        const snapshot: Snapshot = { source: run.source, records, meta: { approvedRun: runId } };
        // Applied today: its changes belong to the day an admin approved them, and terminations
        // are judged against today's date.
        return process(o, runId, snapshot, clockFor(), true);
      });
    },
  };
}
