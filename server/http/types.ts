/**
 * What the HTTP layer is given, and what each request carries. Nothing here knows about Node:
 * the same app runs under @hono/node-server, MSW in the browser, and `app.request()` in tests.
 */
import type { Config } from '../config/schema.ts';
import type { Runner } from '../runner/runner.ts';
import type { OrgInfo, Store } from '../store/store.ts';

export interface HttpLogger {
  error(msg: string, err?: unknown): void;
}

export interface AppDeps {
  store: Store;
  runner: Runner;
  config: Pick<Config, 'auth' | 'cors' | 'maxBodyBytes' | 'organizations'>;
  logger?: HttpLogger;
  /** The clock (token expiry, export file names). Defaults to the system clock. */
  now?: () => Date;
}

/** Dependencies after defaults are applied, as route factories receive them. */
export interface RouteDeps {
  store: Store;
  runner: Runner;
  config: AppDeps['config'];
  logger: HttpLogger;
  now: () => Date;
}

/** Hono env of every authenticated request: the organisation it is scoped to. */
export interface OrgEnv {
  Variables: { org: OrgInfo };
}
