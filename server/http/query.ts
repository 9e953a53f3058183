/**
 * Query-string validation with the contract's zod/mini schemas, through Hono's own
 * `validator('query', …)` so each route declares its query where it is declared and reads it
 * typed with `c.req.valid('query')`. (@hono/zod-validator targets classic zod, not zod/mini.)
 * Empty values (`?reason=`) count as absent; the first failing parameter is named in the 400.
 */
import { validator } from 'hono/validator';
import type { z } from 'zod/mini';
import { invalidParameter } from './errors.ts';

/** The route middleware: `.get('/', query(contractsQuery), (c) => c.req.valid('query'))`. */
export function query<S extends z.ZodMiniType>(schema: S) {
  return validator('query', (value) => parseQuery(schema, flatten(value)));
}

/** A repeated parameter (`?q=a&q=b`) counts as its first value, as `c.req.query(name)` reads it. */
function flatten(value: Record<string, string | string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) out[k] = Array.isArray(v) ? (v[0] ?? '') : v;
  return out;
}

export function parseQuery<S extends z.ZodMiniType>(schema: S, query: Record<string, string>): z.output<S> {
  const present: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (v !== '') present[k] = v;
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = issue?.path.length ? String(issue.path[0]) : 'query';
  const received = present[name];
  throw invalidParameter(name, `${issue?.message ?? 'valeur refusée'}${received !== undefined ? ` (reçu « ${received} »)` : ''}`);
}

/** A calendar day `YYYY-MM-DD` that exists (2026-02-30 does not). */
export function isIsoDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** Today's date in Europe/Paris, `YYYY-MM-DD`. */
export function parisDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
