/**
 * What the HTTP layer is given, and what each request carries. Nothing here knows about Node:
 * the same app runs under @hono/node-server, MSW in the browser, and `app.request()` in tests.
 */
import type { MiddlewareHandler } from 'hono';
import type { actor } from '../../contract/index.ts';
import type { Config } from '../config/schema.ts';
import type { Runner } from '../runner/runner.ts';
import type { BodySinkFactory } from './body.ts';
import type { OrgInfo, Store } from '../store/store.ts';

export interface HttpLogger {
  error(msg: string, err?: unknown): void;
}

export interface AppDeps {
  store: Store;
  runner: Runner;
  config: Pick<Config, 'auth' | 'cors' | 'maxBodyBytes' | 'imports' | 'organizations'>;
  logger?: HttpLogger;
  /** Where push bodies are received: memory by default; the Node server spools them to disk. */
  bodySink?: BodySinkFactory;
  /** The clock (token expiry, export file names). Defaults to the system clock. */
  now?: () => Date;
  /** Run before everything else on every request (the Node server's request ids, access logs, metrics). */
  middleware?: readonly MiddlewareHandler[];
}

/** Dependencies after defaults are applied, as route factories receive them. */
export interface RouteDeps {
  store: Store;
  runner: Runner;
  config: AppDeps['config'];
  logger: HttpLogger;
  now: () => Date;
  bodySink?: BodySinkFactory;
}

/** Hono env of every authenticated request: the organisation it is scoped to, and (admin API) who acts. */
export interface OrgEnv {
  Variables: { org: OrgInfo; actor: actor };
}
