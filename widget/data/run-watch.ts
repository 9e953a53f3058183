/**
 * Watches a running synchronisation for <erp-sync-data>: while the last run is running, the
 * status is polled (1 s, 2 s, 4 s… at most 10 s apart); when it ends, the element refreshes
 * everything and says the outcome. Polling stops when the element leaves the page and resumes
 * when it comes back.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { runStatus, summary } from '../../contract/api.ts';
import { isAuthError } from '../shared/api-client.ts';
import type { ApiController } from '../shared/controllers/api-controller.ts';

/** First and longest delay between two status polls (ms). */
const POLL_FIRST = 1000;
const POLL_MAX = 10_000;

export interface RunWatchOptions {
  /** The run is over: fetch the status and the tables again. */
  onFinished: () => void;
  /** Say how a run seen running ended. */
  onOutcome: (status: runStatus) => void;
  /** A poll found the run still running: its progress, to draw. */
  onProgress?: (data: summary) => void;
}

export class RunWatchController implements ReactiveController {
  private readonly api: ApiController;
  private readonly options: RunWatchOptions;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private abort: AbortController | null = null;
  private delay = POLL_FIRST;
  /** A running run was seen: its outcome is said when a summary shows it finished. */
  private watching = false;
  private connected = false;

  constructor(host: ReactiveControllerHost, api: ApiController, options: RunWatchOptions) {
    this.api = api;
    this.options = options;
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    // Back in the page while a run was running: keep watching it.
    if (this.watching) this.schedule(POLL_FIRST);
  }

  hostDisconnected(): void {
    this.connected = false;
    this.stop();
  }

  /** A run was started here: watch it from the next summary on. */
  started(): void {
    this.watching = true;
  }

  /** Every summary the element gets: starts or stops watching, says a watched run's outcome. */
  seen(data: summary): void {
    const status = data.lastRun?.status;
    if (status === 'running') {
      this.watching = true;
      if (this.timer === undefined && !this.abort) this.schedule(POLL_FIRST);
      return;
    }
    this.stop();
    if (this.watching && status) this.options.onOutcome(status);
    this.watching = false;
  }

  private schedule(delay: number): void {
    if (!this.connected) return;
    clearTimeout(this.timer);
    this.delay = delay;
    this.timer = setTimeout(() => void this.poll(), delay);
  }

  private stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.abort?.abort();
    this.abort = null;
    this.delay = POLL_FIRST;
  }

  /** One poll: still running → the next one later (backoff); finished → refresh everything. */
  private async poll(): Promise<void> {
    this.timer = undefined;
    const client = this.api.client;
    if (!client) return;
    const abort = new AbortController();
    this.abort = abort;
    const next = Math.min(this.delay * 2, POLL_MAX);
    try {
      const data = await client.summary(abort.signal);
      if (abort.signal.aborted) return;
      this.abort = null;
      if (data.lastRun?.status === 'running') {
        this.options.onProgress?.(data);
        this.schedule(next);
      }
      // Finished: the element's own summary, fetched again, says the outcome (seen()).
      else this.options.onFinished();
    } catch (error) {
      if (abort.signal.aborted) return;
      this.abort = null;
      // A passing network failure: keep watching; a lost session: the next action will say so.
      if (!isAuthError(error)) this.schedule(next);
    }
  }
}
