/**
 * The ERP-facing sync API (DOMAIN.md §1): same paths and shapes as the public e-booklet API,
 * so an existing connector works unchanged. Mounted at /api/sync, behind the ERP token.
 */
import { Hono } from 'hono';
import {
  syncListQuery,
  withMessage,
  type syncDiffResult,
  type syncList,
  type syncPushResult,
  type syncTest,
} from '../../../contract/index.ts';
import type { Snapshot } from '../../core/types.ts';
import type { RunResult } from '../../runner/runner.ts';
import { erpTokenAuth } from '../auth/erp-token.ts';
import { readBodyText } from '../body.ts';
import { HttpError, payloadTooLarge, routeNotFound, runFailedMessage, syncErrorHandler } from '../errors.ts';
import { PushBodyError, parsePushBody } from '../../sources/push/index.ts';
import { query } from '../query.ts';
import type { OrgEnv, RouteDeps } from '../types.ts';

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
  return (
    new Hono<OrgEnv>()
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
      .get('/v1/contrats', query(syncListQuery), async (c) => {
        const page = c.req.valid('query');
        return c.json<syncList>(await store.syncContracts(c.get('org').id, 'integrated', page));
      })
      .get('/v1/contrats-get-all', query(syncListQuery), async (c) => {
        const page = c.req.valid('query');
        return c.json<syncList>(await store.syncContracts(c.get('org').id, 'received', page));
      })
      .get('/v1/test', (c) => c.json<syncTest>({ value: 'token valid', name: c.get('org').name }))
      // Unknown sync routes answer in the sync shape too: thrown here, rendered by this sub-app's onError.
      .all('*', (c) => {
        throw routeNotFound(c.req.method, c.req.path);
      })
      .onError(syncErrorHandler(deps.logger))
  );
}
