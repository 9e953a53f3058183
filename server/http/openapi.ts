/**
 * The OpenAPI 3.1 document, generated from the contract's zod schemas (the same ones the
 * server, widgets and mocks use), so it cannot drift from the payloads.
 */
import { z } from 'zod/mini';
import * as api from '../../contract/index.ts';

type Json = Record<string, unknown>;

const REF = '#/components/schemas/';

/** Component schemas: every payload the routes send or receive. */
const components: [string, z.ZodMiniType][] = [
  ['ContractRecord', api.contractRecord],
  ['SessionRef', api.sessionRef],
  ['ReasonCode', api.reasonCode],
  ['ReasonView', api.reasonView],
  ['RunCounts', api.runCounts],
  ['GuardInfo', api.guardInfo],
  ['RunSummary', api.runSummary],
  ['RunAccepted', api.runAccepted],
  ['ApiError', api.apiError],
  ['Summary', api.summary],
  ['ContractItem', api.contractItem],
  ['ContractList', api.contractList],
  ['Change', api.change],
  ['ContractDetail', api.contractDetail],
  ['HistoryDay', api.historyDay],
  ['HistoryDays', api.historyDays],
  ['HistoryDayChanges', api.historyDayChanges],
  ['Trend', api.trend],
  ['SyncRecord', api.syncRecord],
  ['SyncPushResult', api.syncPushResult],
  ['SyncDiffResult', api.syncDiffResult],
  ['SyncList', api.syncList],
  ['SyncTest', api.syncTest],
  ['SyncError', api.syncError],
  ['HeldPreview', api.heldPreview],
  ['SyncRejections', api.syncRejections],
];

function componentSchemas(): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of components) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { target: 'draft-2020-12', uri: (id) => `${REF}${id}` });
  const out: Record<string, Json> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    const { $schema: _s, $id: _i, ...rest } = schema as Json;
    out[id] = rest;
  }
  return out;
}

/** Query parameters from an object schema (input side: what the client sends). */
function queryParams(schema: z.ZodMiniType): Json[] {
  const js = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) as Json;
  const properties = (js.properties ?? {}) as Record<string, Json>;
  const required = new Set((js.required ?? []) as string[]);
  return Object.entries(properties).map(([name, s]) => ({ name, in: 'query', required: required.has(name), schema: s }));
}

const pathParam = (name: string, schema: Json, description: string): Json => ({ name, in: 'path', required: true, schema, description });

const json = (ref: string, description: string): Json => ({
  description,
  content: { 'application/json': { schema: { $ref: `${REF}${ref}` } } },
});

const errorRef = (name: string): Json => ({ $ref: `#/components/responses/${name}` });

const adminErrors = { '401': errorRef('Unauthorized'), '403': errorRef('Forbidden'), '500': errorRef('Internal') };
const syncErrors = { '401': errorRef('InvalidToken'), '500': errorRef('SyncInternal') };

function op(summary: string, tag: string, extra: Json, responses: Json): Json {
  return { summary, tags: [tag], ...extra, responses };
}

function admin(summary: string, extra: Json, responses: Json): Json {
  return op(summary, 'admin', extra, { ...responses, ...adminErrors });
}

function sync(summary: string, extra: Json, responses: Json): Json {
  return op(summary, 'sync', extra, { ...responses, ...syncErrors });
}

const pushBody: Json = {
  required: true,
  description: 'Every active contract of the CFA (full snapshot): a contract absent from the array is archived.',
  content: { 'application/json': { schema: { type: 'array', items: { $ref: `${REF}SyncRecord` } } } },
};

export function buildOpenApiDocument(): Json {
  const langParam = queryParams(z.pick(api.contractsQuery, { lang: true }));
  const paths: Record<string, Json> = {
    '/api/erp-sync/summary': {
      get: admin('Organisation, last run, totals, top reasons', {}, { '200': json('Summary', 'Summary') }),
    },
    '/api/erp-sync/contracts': {
      get: admin(
        'Contracts of one status, filtered, sorted, paged',
        { parameters: queryParams(api.contractsQuery) },
        {
          '200': json('ContractList', 'A page of contracts'),
          '400': errorRef('BadRequest'),
        },
      ),
    },
    '/api/erp-sync/contracts.csv': {
      get: admin(
        'Every contract of the filter as CSV (UTF-8 BOM, `;`, CRLF, for French Excel)',
        { parameters: queryParams(api.contractsQuery) },
        {
          '200': {
            description: 'CSV attachment erp-sync-<status>-<date>.csv',
            headers: { 'Content-Disposition': { schema: { type: 'string' } } },
            content: { 'text/csv': { schema: { type: 'string' } } },
          },
          '400': errorRef('BadRequest'),
        },
      ),
    },
    '/api/erp-sync/contracts/{code}': {
      get: admin(
        'One contract: current item, valid and received versions, timeline (newest first)',
        { parameters: [pathParam('code', { type: 'string' }, 'codeContrat'), ...langParam] },
        { '200': json('ContractDetail', 'The contract'), '400': errorRef('BadRequest'), '404': errorRef('NotFound') },
      ),
    },
    '/api/erp-sync/history': {
      get: admin(
        'Days with runs or changes, newest first; with q or kind, only days with a matching change, counting only those',
        { parameters: queryParams(api.historyQuery) },
        {
          '200': json('HistoryDays', 'A page of days'),
          '400': errorRef('BadRequest'),
        },
      ),
    },
    '/api/erp-sync/history/trend': {
      get: admin(
        'Integrated / rejected totals per day',
        { parameters: queryParams(api.trendQuery) },
        {
          '200': json('Trend', 'Points, oldest first'),
          '400': errorRef('BadRequest'),
        },
      ),
    },
    '/api/erp-sync/history/{date}': {
      get: admin(
        "One day's changes",
        {
          parameters: [
            pathParam('date', { type: 'string', format: 'date' }, 'YYYY-MM-DD (Europe/Paris)'),
            ...queryParams(api.historyDayQuery),
          ],
        },
        { '200': json('HistoryDayChanges', 'A page of changes'), '400': errorRef('BadRequest') },
      ),
    },
    '/api/erp-sync/runs': {
      post: admin(
        'Run the configured source (CSV file or ERP pull) now',
        {},
        {
          '202': json('RunAccepted', 'Run started'),
          '409': errorRef('Conflict'),
        },
      ),
    },
    '/api/erp-sync/runs/{id}': {
      get: admin(
        'One run',
        { parameters: [pathParam('id', { type: 'string' }, 'Run id')] },
        {
          '200': json('RunSummary', 'The run'),
          '404': errorRef('NotFound'),
        },
      ),
    },
    '/api/erp-sync/runs/{id}/approve': {
      post: admin(
        'Apply a run held by a guard (mass removal, mass update, truncated file)',
        { parameters: [pathParam('id', { type: 'string' }, 'Run id')] },
        {
          '200': json('RunAccepted', 'Run applied'),
          '404': errorRef('NotFound'),
          '409': errorRef('Conflict'),
        },
      ),
    },
    '/api/erp-sync/runs/{id}/preview': {
      get: admin(
        'What approving a held run would do: the contracts it would archive, or update (with the fields), searchable and paged',
        { parameters: [pathParam('id', { type: 'string' }, 'Run id'), ...queryParams(api.heldPreviewQuery)] },
        {
          '200': json('HeldPreview', 'One page of the contracts concerned, as they are now'),
          '404': errorRef('NotFound'),
          '409': errorRef('Conflict'),
        },
      ),
    },
    '/api/erp-sync/runs/{id}/abandon': {
      post: admin(
        'Abandon a run stuck as running (recorded with who did it); its work, if still going, is stopped and rolled back',
        { parameters: [pathParam('id', { type: 'string' }, 'Run id')] },
        {
          '200': json('RunSummary', 'The run, now failed ("abandoned")'),
          '404': errorRef('NotFound'),
          '409': errorRef('Conflict'),
        },
      ),
    },
    '/api/erp-sync/openapi.json': {
      get: op(
        'This document',
        'meta',
        { security: [] },
        {
          '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } },
        },
      ),
    },
    '/api/sync/v2/contrats': {
      post: sync(
        'Push the full snapshot of active contracts',
        { requestBody: pushBody },
        {
          '200': json('SyncPushResult', 'Imported; one rejection per record not integrated'),
          '202': json('SyncPushResult', 'Held by the mass-removal guard: nothing applied until an admin approves'),
          '400': errorRef('SyncBadRequest'),
          '409': errorRef('SyncConflict'),
          '413': errorRef('SyncPayloadTooLarge'),
        },
      ),
    },
    '/api/sync/v1/contrats-diff': {
      post: sync(
        'Dry run: what the snapshot would change',
        { requestBody: pushBody },
        {
          '200': json('SyncDiffResult', 'Counts; nothing changed'),
          '400': errorRef('SyncBadRequest'),
          '413': errorRef('SyncPayloadTooLarge'),
        },
      ),
    },
    '/api/sync/v1/contrats': {
      get: sync(
        `Integrated contracts (limit default ${api.SYNC_PAGE_DEFAULT}, max ${api.SYNC_PAGE_MAX}; page 1-based)`,
        { parameters: queryParams(api.syncListQuery) },
        {
          '200': json('SyncList', 'A page'),
          '400': errorRef('SyncBadRequest'),
        },
      ),
    },
    '/api/sync/v1/contrats-get-all': {
      get: sync(
        'Records last received (paged like /v1/contrats)',
        { parameters: queryParams(api.syncListQuery) },
        {
          '200': json('SyncList', 'A page'),
          '400': errorRef('SyncBadRequest'),
        },
      ),
    },
    '/api/sync/v1/runs/{runId}/rejections': {
      get: sync(
        "A run's rejections by position in what was sent, paged (the push answer holds the first 100)",
        { parameters: [pathParam('runId', { type: 'string' }, 'Run id'), ...queryParams(api.syncListQuery)] },
        {
          '200': json('SyncRejections', 'Total and one page of rejections'),
          '400': errorRef('SyncBadRequest'),
          '404': errorRef('SyncNotFound'),
        },
      ),
    },
    '/api/sync/v1/test': {
      get: sync('Check the token', {}, { '200': json('SyncTest', 'The token is valid') }),
    },
  };

  const apiErrorResponse = (description: string): Json => json('ApiError', description);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Synchro ERP',
      version: '1.0.0',
      description:
        'Admin API of the ERP synchronisation console (/api/erp-sync, admin JWT) and the ERP-facing sync API (/api/sync, one bearer token per CFA).',
    },
    tags: [
      { name: 'admin', description: 'CFA administrators (Configuration > Administration > Synchro ERP)' },
      { name: 'sync', description: 'ERP connectors (same paths and shapes as the public e-booklet sync API)' },
      { name: 'meta' },
    ],
    security: [{ adminJwt: [] }],
    paths: Object.fromEntries(
      Object.entries(paths).map(([path, item]) => [
        path,
        path.startsWith('/api/sync/')
          ? Object.fromEntries(Object.entries(item).map(([m, o]) => [m, { ...(o as Json), security: [{ erpToken: [] }] }]))
          : item,
      ]),
    ),
    components: {
      schemas: componentSchemas(),
      responses: {
        BadRequest: apiErrorResponse('Invalid parameter or body; the message names it'),
        Unauthorized: apiErrorResponse('Missing, malformed, badly signed or expired token'),
        Forbidden: apiErrorResponse('Not an administrator, or an unknown organisation'),
        NotFound: apiErrorResponse('Not found (or belongs to another organisation)'),
        Conflict: apiErrorResponse('A run is in progress, the source cannot run on demand, or the run is not held'),
        PayloadTooLarge: apiErrorResponse('Body larger than the configured limit (named in the message)'),
        Internal: apiErrorResponse('Unexpected error (details are logged, never returned)'),
        InvalidToken: json('SyncError', 'Missing or unknown ERP token: {"error":"invalid token","reason":"..."}'),
        // The sync API keeps the public API's {error, reason} shape for every error.
        SyncBadRequest: json('SyncError', 'Malformed JSON (position named), not an array, or a bad parameter'),
        SyncConflict: json('SyncError', 'A run of this organisation is in progress'),
        SyncNotFound: json('SyncError', 'Unknown route, or a run whose rejections are no longer kept'),
        SyncPayloadTooLarge: json('SyncError', 'Body larger than the configured limit (named in the reason)'),
        SyncInternal: json('SyncError', 'Unexpected error or failed run (details are logged, never returned)'),
      },
      securitySchemes: {
        adminJwt: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: "JWT minted by the LMS: claims org, role 'admin', exp (HS256 shared secret or the LMS's JWKS).",
        },
        erpToken: { type: 'http', scheme: 'bearer', description: "The CFA's ERP token (one per organisation)." },
      },
    },
  };
}

let cached: Json | null = null;

/** Built once per process: the schemas do not change at run time. */
export function openApiDocument(): Json {
  if (!cached) cached = buildOpenApiDocument();
  return cached;
}
