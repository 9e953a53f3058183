/**
 * The one JSON config file, validated at start. Errors name the bad key
 * (e.g. `organizations[1].source.mapping: expected an object`).
 */
import { z } from 'zod';
import { contractFields } from '../../contract/index.ts';

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
});

export const config = z.object({
  database: z.string().min(1),
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
      /** A run holds its organisation for this long without a heartbeat (a killed process frees it after that). */
      leaseSeconds: z.number().int().min(10).default(120),
      /** A push body larger than this is answered 202 with the run id as soon as the run opens, not after it. */
      asyncPushBytes: z
        .number()
        .int()
        .min(0)
        .default(64 * 1024 * 1024),
    })
    .default({ workers: 1, leaseSeconds: 120, asyncPushBytes: 64 * 1024 * 1024 }),
  /** Serve the demo pages (built) from this folder, if set. */
  staticDir: z.string().optional(),
  organizations: z.array(organization).min(1),
});

export type Config = z.infer<typeof config>;
export type OrgConfig = z.infer<typeof organization>;
export type CsvSourceConfig = z.infer<typeof csvSource>;
export type PullSourceConfig = z.infer<typeof pullSource>;
