/**
 * The ERP-facing sync API (DOMAIN.md §1): same paths and shapes as the public e-booklet API,
 * so an existing connector works unchanged. Mounted at /api/sync, behind the ERP token.
 */
import { Hono } from 'hono';
import { z } from 'zod/mini';
import { withMessage, type syncDiffResult, type syncList, type syncPushResult, type syncTest } from '../../../contract/index.ts';
import type { Snapshot } from '../../core/types.ts';
import type { RunResult } from '../../runner/runner.ts';
import { erpTokenAuth } from '../auth/erp-token.ts';
import { readBodyText } from '../body.ts';
import { HttpError, payloadTooLarge, runFailedMessage } from '../errors.ts';
import { PushBodyError, parsePushBody } from '../../sources/push/index.ts';
import { parseQuery } from '../query.ts';
import type { OrgEnv, RouteDeps } from '../types.ts';

export const SYNC_PAGE_DEFAULT = 100;
export const SYNC_PAGE_MAX = 1000;

/** `?limit&page` of the sync list routes (not in the contract: the public API's own paging). */
export const syncListQuery = z.object({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(SYNC_PAGE_MAX)), SYNC_PAGE_DEFAULT),
  page: z._default(z.coerce.number().check(z.int(), z.minimum(1)), 1),
});

async function readSnapshot(req: Request, maxBytes: number): Promise<Snapshot> {
  const text = await readBodyText(req, maxBytes);
  try {
    return parsePushBody(text, maxBytes);
  } catch (err) {
    if (err instanceof PushBodyError) {
      throw err.status === 413 ? payloadTooLarge(maxBytes) : new HttpError(400, 'INVALID_BODY', err.message);
    }
    throw err;
  }
}

export function toPushResult(result: RunResult): syncPushResult {
  const { run, outcome } = result;
  const rejections = (outcome?.rejections ?? [])
    .slice()
    .sort((a, b) => a.index - b.index)
    .map((r) => ({
      index: r.index,
      codeContrat: r.data.codeContrat || r.code,
      reasons: r.reasons.map((reason) => withMessage(reason, 'fr')),
    }));
  return {
    runId: result.runId,
    status: run.status,
    received: run.counts.received,
    integrated: run.counts.integrated,
    rejected: run.counts.rejected,
    added: run.counts.added,
    updated: run.counts.updated,
    archived: run.counts.archived,
    rejections,
    held: run.held ?? outcome?.guard ?? null,
  };
}

export function syncRoutes(deps: RouteDeps) {
  const { store, runner, config } = deps;
  return new Hono<OrgEnv>()
    .use('*', erpTokenAuth({ organizations: config.organizations }))
    .post('/v2/contrats', async (c) => {
      const snapshot = await readSnapshot(c.req.raw, config.maxBodyBytes);
      const result = await runner.importSnapshot(c.get('org').id, snapshot);
      if (result.run.status === 'failed') {
        deps.logger.error(`push run ${result.runId} failed: ${result.run.error ?? 'unknown error'}`);
        throw new HttpError(500, 'RUN_FAILED', runFailedMessage(result.runId));
      }
      return c.json<syncPushResult, 200 | 202>(toPushResult(result), result.run.status === 'held' ? 202 : 200);
    })
    .post('/v1/contrats-diff', async (c) => {
      const snapshot = await readSnapshot(c.req.raw, config.maxBodyBytes);
      return c.json<syncDiffResult>(await runner.dryRun(c.get('org').id, snapshot));
    })
    .get('/v1/contrats', async (c) => {
      const page = parseQuery(syncListQuery, c.req.query());
      return c.json<syncList>(await store.syncContracts(c.get('org').id, 'integrated', page));
    })
    .get('/v1/contrats-get-all', async (c) => {
      const page = parseQuery(syncListQuery, c.req.query());
      return c.json<syncList>(await store.syncContracts(c.get('org').id, 'received', page));
    })
    .get('/v1/test', (c) => c.json<syncTest>({ value: 'token valid', name: c.get('org').name }));
}
