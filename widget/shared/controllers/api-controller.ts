import { Task, TaskStatus, initialState } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiError, createApiClient, isAbortError, isAuthError, type ApiClient, type TokenSource } from '../api-client.ts';
import { emit } from '../events.ts';

/** What an element offers the controller: where the API is and the host's current token. */
export interface ApiHost extends ReactiveControllerHost, EventTarget {
  apiBase: string;
  token: TokenSource | undefined;
}

export interface ApiTaskOptions<A extends readonly unknown[], R> {
  /** The task's own arguments (the client is prepended); a change reruns it. */
  args: () => A;
  /** Fetches with the client; runs only once a token is set. Returns a value, no side effect. */
  task: (client: ApiClient, args: A, signal: AbortSignal) => Promise<R | typeof initialState>;
  onComplete?: (value: R) => void;
  /** Besides the `erp-sync-error` event every failure fires. */
  onError?: (error: unknown) => void;
  autoRun?: boolean;
}

export type ApiTask<A extends readonly unknown[], R> = Task<readonly [ApiClient | null, ...A], R>;

/**
 * The plumbing an element needs to talk to the admin API, in one place:
 *
 * - one client per `api-base`, reading the host's `token` at each request: a new token (or a
 *   new inline token function at each render of a framework host) is used from the next request
 *   on, without a new client, so tasks do not rerun and lists, pages and searches stay;
 * - nothing is requested while `token` is unset or `''` (`client` is null);
 * - every failure but an abort fires `erp-sync-error` (the client itself retries a 401 once
 *   with a fresh token from a token function); a 401 also fires `erp-sync-auth-expired`, once
 *   per token value, so the host page can refresh its session;
 * - a new token asks again what failed for want of a valid one (401/403), and nothing else.
 */
export class ApiController implements ReactiveController {
  private readonly host: ApiHost;
  private cache: { apiBase: string; client: ApiClient } | null = null;
  private readonly tasks = new Set<ApiTask<readonly unknown[], unknown>>();
  private lastToken: TokenSource | undefined;
  /** The token whose expiry was already reported: several requests failing on it make one event. */
  private expiredToken: TokenSource | undefined | null = null;

  constructor(host: ApiHost) {
    this.host = host;
    host.addController(this);
  }

  /** The client for the current `api-base`; null until a token is set. */
  get client(): ApiClient | null {
    const { apiBase, token } = this.host;
    if (token === undefined || token === '') return null;
    if (this.cache?.apiBase !== apiBase) {
      const host = this.host;
      this.cache = { apiBase, client: createApiClient({ apiBase, getToken: () => host.token }) };
    }
    return this.cache.client;
  }

  /** A @lit/task over the API: idle without a token, failures reported, retried after a new token. */
  task<const A extends readonly unknown[], R>(options: ApiTaskOptions<A, R>): ApiTask<A, R> {
    const task: ApiTask<A, R> = new Task(this.host, {
      args: () => [this.client, ...options.args()] as const,
      task: ([client, ...args], { signal }) => (client ? options.task(client, args as unknown as A, signal) : initialState),
      onComplete: options.onComplete,
      onError: (error) => {
        this.report(error);
        options.onError?.(error);
      },
      autoRun: options.autoRun,
    });
    this.tasks.add(task as ApiTask<readonly unknown[], unknown>);
    return task;
  }

  /** Stops a task made by `task()` and detaches it from the host (an opened day being closed). */
  drop(task: ApiTask<readonly unknown[], unknown>): void {
    task.abort();
    this.tasks.delete(task);
    this.host.removeController(task);
  }

  /** A one-off call (a user action): its failure fires `erp-sync-error`, then rejects as usual. */
  async call<T>(request: (client: ApiClient) => Promise<T>): Promise<T> {
    const client = this.client;
    try {
      if (!client) throw new Error('erp-sync: no token yet');
      return await request(client);
    } catch (error) {
      this.report(error);
      throw error;
    }
  }

  /** Fires `erp-sync-error` for a failure (an aborted, superseded request is none). */
  report(error: unknown): void {
    if (isAbortError(error)) return;
    emit(this.host, 'erp-sync-error', { error: error instanceof Error ? error : new Error(String(error)) });
    // The host page can refresh its session: said once per token, not once per failed request.
    if (error instanceof ApiError && error.status === 401 && this.expiredToken !== this.host.token) {
      this.expiredToken = this.host.token;
      emit(this.host, 'erp-sync-auth-expired', { error });
    }
  }

  hostUpdated(): void {
    const token = this.host.token;
    if (token === this.lastToken) return;
    this.lastToken = token;
    // After this update, not during it: running a task requests another one.
    if (this.client) queueMicrotask(() => this.retryAuthFailures());
  }

  private retryAuthFailures(): void {
    for (const task of this.tasks) {
      if (task.status === TaskStatus.ERROR && isAuthError(task.error)) void task.run();
    }
  }
}
