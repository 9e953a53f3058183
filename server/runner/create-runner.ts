/**
 * The runner: coordinates runs — one at a time per organisation (in this process by a lock,
 * across processes by the store's leases), heartbeats that renew a working run's lease and
 * publish its progress, approvals, abandons, shutdown — and hands the work to an executor.
 * Browser-safe (the MSW mock uses it): what needs Node is in the executor it is given.
 */
import type { actor, runFailure, runProgress, runSource, runSummary, syncDiffResult } from '../../contract/index.ts';
import type { OrgConfig } from '../config/schema.ts';
import { parisDate, parseDate } from '../core/dates.ts';
import type { ImportProgress } from '../core/import-records.ts';
import type { RunClock } from '../core/types.ts';
import { RunInProgressError, type Store } from '../store/store.ts';
import type { ImportExecutor } from './executor.ts';
import type { ImportJob, JobInput, JobOutcome } from './import-job.ts';
import { RunError, type RunInput, type RunResult, type Runner, type StartOptions } from './runner.ts';

export interface RunnerDeps {
  store: Store;
  organizations: readonly OrgConfig[];
  executor: ImportExecutor;
  /** The clock, injected so tests and replays control time. */
  now?: () => Date;
  /** How long a run holds its organisation without a heartbeat (ms, 120 s). */
  leaseMs?: number;
  /** How often a working run renews its lease and publishes its progress (ms, 2 s). */
  heartbeatMs?: number;
  /** The sources that can be run on demand (csv, pull): absent where nothing can read them (the browser). */
  canReadSources?: boolean;
  log?: { info(msg: string): void; error(msg: string, err?: unknown): void };
  /**
   * Told when a run ends (applied, held or failed), after its state is stored: notifications,
   * metrics and logs subscribe here. Never awaited: a slow listener never delays a run.
   */
  onRunEnded?: (orgId: string, run: runSummary, result: RunResult | null) => void;
}

interface Active {
  runId: string | null;
  controller: AbortController;
  done: Promise<unknown>;
  /** The admin who abandoned the run while it worked here: its failure is recorded as theirs. */
  abandonedBy?: actor;
}

/** The kind of a run's failure, for words an administrator can act on. */
function failureOf(err: unknown): runFailure {
  if (err instanceof RunError) {
    if (err.code === 'INVALID_BODY' || err.code === 'INVALID_ENCODING' || err.code === 'PAYLOAD_TOO_LARGE') return 'body';
    if (err.code === 'SHUTTING_DOWN') return 'interrupted';
    if (err.code === 'RUN_NOT_RUNNING') return 'abandoned';
    if (err.code === 'SOURCE_FAILED' || err.code === 'NOT_RUNNABLE') return 'source';
  }
  // A SourceError keeps its name across a worker thread, not its class.
  if (err instanceof Error && err.name === 'SourceError') return 'source';
  return 'internal';
}

const NOT_RUNNABLE = 'Cette organisation envoie ses contrats par l’API (push) : rien à lancer ici.';
const IN_PROGRESS = 'Un import est déjà en cours pour cette organisation.';

export function createRunner(deps: RunnerDeps): Runner {
  const { store, executor } = deps;
  const now = deps.now ?? (() => new Date());
  const leaseMs = deps.leaseMs ?? 120_000;
  const heartbeatMs = deps.heartbeatMs ?? 2_000;
  const orgs = new Map(deps.organizations.map((o) => [o.id, o]));
  /** The organisations with a run under way in this process. */
  const active = new Map<string, Active>();
  let closing = false;

  function org(orgId: string): OrgConfig {
    const o = orgs.get(orgId);
    if (!o) throw new RunError('ORG_UNKNOWN', `Organisation inconnue : ${orgId}`);
    return o;
  }

  /** A replayed run (--as-of) is dated at 02:00 Paris time of that day, like a nightly import. */
  function clockFor(date?: string): RunClock {
    if (date) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || parseDate(date, 'dmy') !== date) {
        throw new RunError('SOURCE_FAILED', `Date invalide : ${date} (une date réelle AAAA-MM-JJ attendue)`);
      }
      return { at: `${date}T01:00:00.000Z`, date };
    }
    const at = now().toISOString();
    return { at, date: parisDate(at) };
  }

  const leaseFrom = () => new Date(now().getTime() + leaseMs).toISOString();

  function canRun(orgId: string): boolean {
    return org(orgId).source.kind !== 'push' && deps.canReadSources === true;
  }

  /** Takes the organisation for one run in this process; refused when one is under way. */
  function take(orgId: string): Active {
    if (closing) throw new RunError('SHUTTING_DOWN', 'Le serveur s’arrête : réessayez dans un instant.');
    const busy = active.get(orgId);
    if (busy) throw new RunError('RUN_IN_PROGRESS', IN_PROGRESS, busy.runId ?? undefined);
    const a: Active = { runId: null, controller: new AbortController(), done: Promise.resolve() };
    active.set(orgId, a);
    return a;
  }

  function inProgress(err: unknown): never {
    if (err instanceof RunInProgressError) throw new RunError('RUN_IN_PROGRESS', err.message, err.runId);
    throw err;
  }

  /**
   * Runs an opened run to its end: heartbeats while it works; on any failure the run is marked
   * failed (its state untouched: the store applies in one transaction or not at all).
   */
  async function work(
    o: OrgConfig,
    a: Active,
    runId: string,
    input: JobInput,
    clock: RunClock,
    bypassGuard: boolean,
    onProgress?: (p: runProgress) => void,
  ): Promise<RunResult> {
    let progress: runProgress | null = null;
    const beat = async () => {
      const alive = await store.heartbeat(o.id, runId, leaseFrom(), progress).catch(() => true);
      if (alive) return;
      // No longer running: abandoned by an admin or declared interrupted elsewhere (stop working
      // on it), or just applied or held by this very work, whose answer is on its way from the
      // worker (a beat in that window must not turn a committed run into a failure).
      const status = (await store.getRun(o.id, runId).catch(() => null))?.status;
      if (status === 'succeeded' || status === 'held') return;
      a.controller.abort(new RunError('RUN_NOT_RUNNING', `L’import ${runId} a été abandonné.`, runId));
    };
    const timer = setInterval(() => void beat(), heartbeatMs);
    const job: ImportJob = { org: o, runId, input, clock, bypassGuard };
    let outcome: JobOutcome;
    try {
      outcome = await executor.run(job, {
        signal: a.controller.signal,
        onProgress: (p: ImportProgress) => {
          const first = progress === null;
          progress = p;
          // Said at once, not at the next beat: an admin (on any instance) sees the run's progress
          // from its first batch, and a run shorter than a beat no longer ends without showing any.
          if (first) void beat();
          onProgress?.(p);
        },
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      // An abandon is an admin's decision, not a fault.
      if (a.abandonedBy) deps.log?.info(`run ${runId} of ${o.id} abandoned by ${a.abandonedBy.sub}`);
      else deps.log?.error(`run ${runId} of ${o.id} failed`, err);
      const ending = a.abandonedBy
        ? store.abandonRun(o.id, runId, a.abandonedBy, now().toISOString())
        : store.failRun(o.id, runId, message, now().toISOString(), failureOf(err));
      await ending.catch((e: unknown) => deps.log?.error(`failing run ${runId}`, e));
      const failed = await store.getRun(o.id, runId).catch(() => null);
      if (failed) ended(o.id, failed, null);
      if (err instanceof RunError) throw err.runId ? err : new RunError(err.code, err.message, runId);
      throw new RunError('SOURCE_FAILED', message, runId);
    } finally {
      clearInterval(timer);
    }
    const run = await store.getRun(o.id, runId);
    if (!run) throw new RunError('RUN_NOT_FOUND', `Import introuvable : ${runId}`, runId);
    const result = { runId, run, rejections: outcome.rejections, rejectionsTotal: outcome.rejectionsTotal };
    ended(o.id, run, result);
    return result;
  }

  function ended(orgId: string, run: runSummary, result: RunResult | null): void {
    try {
      deps.onRunEnded?.(orgId, run, result);
    } catch (err) {
      deps.log?.error(`a listener of run ${run.id} failed`, err);
    }
  }

  /** Opens a run and starts its work; `done` settles when the run is over. */
  async function start(
    orgId: string,
    source: runSource,
    input: JobInput,
    opts: StartOptions = {},
  ): Promise<{ runId: string; done: Promise<RunResult> }> {
    const o = org(orgId);
    const a = take(orgId);
    let runId: string;
    let clock: RunClock;
    try {
      clock = clockFor(opts.date);
      const at = now().toISOString();
      runId = await store
        .openRun(orgId, { source, startedAt: clock.at, date: clock.date, now: at, leaseUntil: leaseFrom(), startedBy: opts.by ?? null })
        .catch(inProgress);
    } catch (err) {
      active.delete(orgId);
      throw err;
    }
    a.runId = runId;
    const done = work(o, a, runId, input, clock, false, opts.onProgress).finally(() => active.delete(orgId));
    a.done = done.catch(() => undefined);
    return { runId, done };
  }

  function sourceOf(input: RunInput, o: OrgConfig): runSource {
    if (input.kind === 'snapshot') return input.snapshot.source;
    if (input.kind === 'file' && /\.(csv|txt|tsv)$/i.test(input.path)) return 'csv';
    return o.source.kind === 'pull' && input.kind === 'file' ? 'pull' : 'push';
  }

  return {
    canRun,

    async importInput(orgId, input, opts) {
      const { done } = await start(orgId, sourceOf(input, org(orgId)), input, opts);
      return done;
    },

    startInput(orgId, input, opts) {
      return start(orgId, sourceOf(input, org(orgId)), input, opts);
    },

    async dryRun(orgId, input): Promise<syncDiffResult> {
      const job: ImportJob = { org: org(orgId), runId: null, input, clock: clockFor(), bypassGuard: true };
      return executor.dryRun(job, {});
    },

    async runSource(orgId, opts) {
      const { done } = await this.startSource(orgId, opts);
      return done;
    },

    async startSource(orgId, opts) {
      const o = org(orgId);
      if (!canRun(orgId)) throw new RunError('NOT_RUNNABLE', NOT_RUNNABLE);
      // Answered at once: reading the ERP (which may hang until its timeouts) happens inside the run.
      return start(orgId, o.source.kind === 'csv' ? 'csv' : 'pull', { kind: 'configured' }, opts);
    },

    async approve(orgId, runId, opts = {}) {
      const o = org(orgId);
      const a = take(orgId);
      try {
        const run = await store.getRun(orgId, runId);
        if (!run) throw new RunError('RUN_NOT_FOUND', `Import introuvable : ${runId}`);
        if (run.status !== 'held') {
          throw new RunError('RUN_NOT_HELD', `Cet import n’est pas en attente d’approbation (statut : ${run.status}).`);
        }
        const at = now().toISOString();
        const resumed = await store.resumeHeld(orgId, runId, { now: at, leaseUntil: leaseFrom() }).catch(inProgress);
        if (!resumed) throw new RunError('RUN_NOT_HELD', 'Cet import n’est plus en attente d’approbation.');
        if (opts.by) await store.recordRunEvent(orgId, runId, { at, action: 'approved', by: opts.by });
        a.runId = runId;
        // Applied today: its changes belong to the day an admin approved them, and terminations
        // are judged against today's date.
        const done = work(o, a, runId, { kind: 'received', runId }, clockFor(), true);
        a.done = done.catch(() => undefined);
        return await done;
      } finally {
        active.delete(orgId);
      }
    },

    async abandon(orgId, runId, by: actor): Promise<runSummary> {
      org(orgId);
      const notRunning = (status: string) => new RunError('RUN_NOT_RUNNING', `Cet import n’est pas en cours (statut : ${status}).`, runId);
      const a = active.get(orgId);
      if (a?.runId === runId) {
        // Working here: stopped first (a worker is terminated, its transaction rolled back), so
        // that marking it abandoned never waits for the write lock of a run busy writing.
        a.abandonedBy = by;
        a.controller.abort(new RunError('RUN_NOT_RUNNING', `L’import ${runId} a été abandonné.`, runId));
        await a.done;
      } else if (!(await store.abandonRun(orgId, runId, by, now().toISOString()))) {
        // Working elsewhere, the owner's heartbeat sees the abandon and stops it.
        const run = await store.getRun(orgId, runId);
        if (!run) throw new RunError('RUN_NOT_FOUND', `Import introuvable : ${runId}`);
        throw notRunning(run.status);
      }
      const run = await store.getRun(orgId, runId);
      if (!run) throw new RunError('RUN_NOT_FOUND', `Import introuvable : ${runId}`);
      // It finished before it could be stopped.
      if (run.failure !== 'abandoned') throw notRunning(run.status);
      return run;
    },

    async close(opts = {}) {
      closing = true;
      const deadline = opts.deadlineMs ?? 30_000;
      const running = [...active.values()];
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<'late'>((r) => {
        timer = setTimeout(() => r('late'), deadline);
      });
      const finished = await Promise.race([Promise.all(running.map((a) => a.done)).then(() => 'done' as const), timeout]);
      clearTimeout(timer);
      if (finished === 'late') {
        for (const a of running)
          a.controller.abort(new RunError('SHUTTING_DOWN', 'Import interrompu : le serveur s’est arrêté.', a.runId ?? undefined));
        await Promise.all(running.map((a) => a.done));
      }
      await executor.close();
    },
  };
}
