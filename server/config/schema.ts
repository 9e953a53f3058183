/**
 * The one JSON config file, validated at start. Errors name the bad key
 * (e.g. `organizations[1].source.mapping: expected an object`).
 */
import { z } from 'zod';
import { contractFields, lang } from '../../contract/index.ts';

const field = z.enum(contractFields);

/** Column header -> contract field. `Header#2` addresses the 2nd column with that header. */
const csvMapping = z.record(z.string(), field);

export const csvSource = z.object({
  kind: z.literal('csv'),
  /** A file, or a folder whose newest .csv/.txt/.tsv file is read once it has stopped changing. */
  path: z.string().min(1),
  mapping: csvMapping,
  encoding: z.enum(['auto', 'utf-8', 'windows-1252']).default('auto'),
  delimiter: z.enum(['auto', ';', ',', '\t', '|']).default('auto'),
  /** 1-based line of the header row; auto-detected past preamble lines when absent. */
  headerRow: z.number().int().min(1).optional(),
  /** How ambiguous dates (01/02/2026) are read when a column does not tell. */
  dateFormat: z.enum(['DD/MM/YYYY', 'MM/DD/YYYY']).default('DD/MM/YYYY'),
});

export const pullSource = z.object({
  kind: z.literal('pull'),
  url: z.string().url(),
  headers: z.record(z.string(), z.string()).default({}),
  /** Dot path in each item -> contract field. Defaults to the Ypareo-style preset. */
  mapping: z.record(z.string(), field).optional(),
  pageSize: z.number().int().min(1).max(5000).default(500),
  timeoutMs: z.number().int().min(100).default(15_000),
  retries: z.number().int().min(0).max(10).default(3),
});

export const pushSource = z.object({ kind: z.literal('push') });

export const source = z.discriminatedUnion('kind', [pushSource, csvSource, pullSource]);

/** personalDataRetentionDays when an organisation does not set it: a year. */
export const DEFAULT_RETENTION_DAYS = 365;

/** An organisation's notifications: e-mails to its admins and/or a signed webhook. */
export const orgNotifications = z.object({
  email: z
    .object({
      to: z.array(z.email()).min(1),
      /** `each-run`: one e-mail per notable run; `daily-digest`: one e-mail a day listing them. */
      mode: z.enum(['each-run', 'daily-digest']).default('each-run'),
      lang: z.enum(lang.options).default('fr'),
    })
    .optional(),
  webhook: z
    .object({
      url: z.url(),
      /** HMAC-SHA256 key of the X-Erp-Sync-Signature header, shared with the receiver. */
      secret: z.string().min(16, 'at least 16 characters'),
    })
    .optional(),
  /** The organisation's Synchro ERP page, linked from e-mails (overrides notifications.pageUrl). */
  pageUrl: z.url().optional(),
});

export const organization = z.object({
  id: z.string().regex(/^[a-zA-Z0-9_-]+$/, 'letters, digits, - and _ only'),
  name: z.string().min(1),
  /** Bearer token the ERP uses on the sync API. */
  erpToken: z.string().min(16, 'at least 16 characters'),
  source,
  /** Cron expression (Europe/Paris) for csv and pull sources. */
  schedule: z.string().default('0 2 * * *'),
  sessions: z.enum(['auto', 'configured']).default('auto'),
  /** Group codes configured on the platform, when sessions = 'configured'. */
  groups: z.array(z.string()).default([]),
  removalGuard: z.object({ maxRatio: z.number().min(0).max(1) }).default({ maxRatio: 0.2 }),
  /**
   * Mass-update guard: a run changing one field on more than `maxRatio` of the integrated
   * contracts (and on at least `minContracts`) is held: a mapping gone wrong, swapped columns,
   * an export blanking emails.
   */
  updateGuard: z
    .object({ maxRatio: z.number().min(0).max(1).default(0.3), minContracts: z.number().int().min(1).default(20) })
    .default({ maxRatio: 0.3, minContracts: 20 }),
  /** A CSV file cut short (its last row is cut) is held when it has this share of rows fewer than the last run. */
  truncatedGuard: z.object({ maxMissingRatio: z.number().min(0).max(1).default(0.05) }).default({ maxMissingRatio: 0.05 }),
  /** Retention: the received records of this many newest runs are kept verbatim (history is kept forever). */
  keepReceivedRuns: z.number().int().min(1).default(30),
  /**
   * Retention of personal data: a contract archived (or no longer received) for longer than this
   * is anonymised, and received records older than this are dropped (DEFAULT_RETENTION_DAYS when
   * absent: optional rather than defaulted, so code building an organisation by hand need not say it).
   */
  personalDataRetentionDays: z.number().int().min(1).optional(),
  /** Who learns that a run newly rejects contracts, is held, or failed (nothing is sent otherwise). */
  notifications: orgNotifications.optional(),
});

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/**
 * A PostgreSQL database given as an object: kept as one URL string (`?schema=…&poolSize=…`),
 * the form the string setting also accepts, so that every reader of `database` (workers, CLI)
 * handles a single shape.
 */
const postgresDatabase = z
  .object({
    url: z.string().regex(POSTGRES_URL, 'a postgres:// URL'),
    /** Pooled connections per process (each running import holds one more of its own). */
    poolSize: z.number().int().min(1).max(1000).optional(),
    /** The schema holding the tables (created if missing): several installations can share a database. */
    schema: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lowercase letters, digits and _')
      .optional(),
  })
  .strict()
  .transform((d) => {
    const url = new URL(d.url);
    if (d.schema !== undefined) url.searchParams.set('schema', d.schema);
    if (d.poolSize !== undefined) url.searchParams.set('poolSize', String(d.poolSize));
    return url.toString();
  });

export const config = z
  .object({
    /** A SQLite file (the embedded default), or a PostgreSQL URL or object (several instances, one database). */
    database: z.union([z.string().min(1), postgresDatabase]),
    port: z.number().int().min(0).max(65535).default(8787),
    host: z.string().default('127.0.0.1'),
    auth: z.object({
      jwtSecret: z.string().min(32, 'at least 32 characters'),
      /** Optional JWKS URL: admin tokens signed by the LMS's keys instead of the shared secret. */
      jwksUrl: z.string().url().optional(),
      /** Optional: the `aud` admin tokens must carry (recommended when the LMS signs tokens for several services). */
      audience: z.string().min(1).optional(),
    }),
    /** Origins allowed to call the admin API (the LMS admin page). */
    cors: z.object({ origins: z.array(z.string()).default([]) }).default({ origins: [] }),
    /**
     * Largest push body accepted, in bytes (after gzip decoding). Bodies are streamed to disk and
     * read record by record, so the limit is disk and patience, not memory: 1,000,000 contracts
     * are about 1 GB of JSON.
     */
    maxBodyBytes: z
      .number()
      .int()
      .min(1024)
      .max(64 * 1024 * 1024 * 1024)
      .default(2 * 1024 * 1024 * 1024),
    /** How imports run. */
    imports: z
      .object({
        /** Worker threads running imports beside the HTTP thread (each with its own database connection). */
        workers: z.number().int().min(1).max(64).default(1),
        /**
         * CPU priority of the import threads (Linux nice, 0 to 19): an import yields the CPU to
         * the HTTP thread while admins use the API; 0 gives both the same priority.
         */
        nice: z.number().int().min(0).max(19).default(10),
        /**
         * Largest JavaScript heap of an import thread (V8's old generation, MiB). Garbage is let
         * grow up to it before being collected: without a bound, a 1,000,000-contract import's
         * process passed 1.5 GB of RSS for 0.4 GB of live data. 512 MiB: a 100,000-contract first
         * import takes the same time as with 640, and the million push peaks 47 MiB lower (910 MiB
         * for the whole server process). An import that truly needs more fails (its thread stops,
         * nothing applied); the server goes on.
         */
        heapMb: z.number().int().min(128).default(512),
        /** A run holds its organisation for this long without a heartbeat (a killed process frees it after that). */
        leaseSeconds: z.number().int().min(10).default(120),
        /** A push body larger than this is answered 202 with the run id as soon as the run opens, not after it. */
        asyncPushBytes: z
          .number()
          .int()
          .min(0)
          .default(64 * 1024 * 1024),
      })
      .default({ workers: 1, nice: 10, heapMb: 512, leaseSeconds: 120, asyncPushBytes: 64 * 1024 * 1024 }),
    /** Structured JSON logs on stderr; ERP_SYNC_LOG_LEVEL overrides the level. */
    log: z
      .object({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info') })
      .default({ level: 'info' }),
    /**
     * GET /metrics (Prometheus): on the API port behind `token` (Authorization: Bearer), and/or
     * on a port of its own (`port`, on `host`), unauthenticated: keep that one private.
     * Absent: no metrics are served.
     */
    metrics: z
      .object({
        token: z.string().min(16, 'at least 16 characters').optional(),
        port: z.number().int().min(0).max(65535).optional(),
        host: z.string().optional(),
      })
      .refine((m) => m.token !== undefined || m.port !== undefined, 'set a token, a port, or both')
      .optional(),
    /** SIGTERM/SIGINT: a running import gets this long to finish, then is stopped (rolled back). */
    shutdown: z.object({ deadlineSeconds: z.number().min(0).default(30) }).default({ deadlineSeconds: 30 }),
    /** How notifications leave: SMTP for e-mails, delivery rules for webhooks, the page e-mails link to. */
    notifications: z
      .object({
        smtp: z
          .object({
            host: z.string().min(1),
            port: z.number().int().min(1).max(65535).default(587),
            /** true: TLS from the start (port 465); false: STARTTLS when the server offers it. */
            secure: z.boolean().default(false),
            user: z.string().optional(),
            pass: z.string().optional(),
            from: z.string().min(3),
          })
          .optional(),
        /** The Synchro ERP page of the LMS; `{org}` is replaced by the organisation id. */
        pageUrl: z.string().min(1).optional(),
        /** When daily digests are sent (cron, Europe/Paris); each covers the 24 hours before. */
        digestSchedule: z.string().default('0 7 * * *'),
        webhook: z
          .object({
            retries: z.number().int().min(0).max(20).default(5),
            /** Wait before the first retry (ms), doubled at each next one. */
            backoffMs: z.number().int().min(1).default(2_000),
            timeoutMs: z.number().int().min(100).default(10_000),
          })
          .default({ retries: 5, backoffMs: 2_000, timeoutMs: 10_000 }),
      })
      .default({ digestSchedule: '0 7 * * *', webhook: { retries: 5, backoffMs: 2_000, timeoutMs: 10_000 } }),
    /** When personal data past each organisation's personalDataRetentionDays is anonymised (cron, Europe/Paris). */
    retention: z.object({ schedule: z.string().default('30 3 * * *') }).default({ schedule: '30 3 * * *' }),
    /** Serve the demo pages (built) from this folder, if set. */
    staticDir: z.string().optional(),
    organizations: z.array(organization).min(1),
  })
  .superRefine((c, ctx) => {
    c.organizations.forEach((o, i) => {
      if (o.notifications?.email && !c.notifications.smtp) {
        ctx.addIssue({ code: 'custom', path: ['organizations', i, 'notifications', 'email'], message: 'e-mails need notifications.smtp' });
      }
    });
  });

export type Config = z.infer<typeof config>;
export type OrgConfig = z.infer<typeof organization>;
export type OrgNotifications = z.infer<typeof orgNotifications>;
export type NotificationsConfig = Config['notifications'];
export type CsvSourceConfig = z.infer<typeof csvSource>;
export type PullSourceConfig = z.infer<typeof pullSource>;
