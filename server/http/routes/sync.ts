/**
 * The ERP-facing sync API (DOMAIN.md §1): same paths and shapes as the public e-booklet API,
 * so an existing connector works unchanged. Mounted at /api/sync, behind the ERP token.
 */
import { Hono } from 'hono';
import {
  syncListQuery,
  withMessage,
  type runAccepted,
  type syncDiffResult,
  type syncList,
  type syncPushResult,
  type syncRejections,
  type syncTest,
} from '../../../contract/index.ts';
import type { RunResult } from '../../runner/runner.ts';
import { erpTokenAuth } from '../auth/erp-token.ts';
import { memorySink, receiveBody } from '../body.ts';
import { HttpError, routeNotFound, runFailedMessage, syncErrorHandler } from '../errors.ts';
import { jsonBytes } from '../json-bytes.ts';
import { query } from '../query.ts';
import type { OrgEnv, RouteDeps } from '../types.ts';

/** The push answer: counts, the first rejections, and where to page through the rest. Small whatever was sent. */
export function toPushResult(result: RunResult): syncPushResult {
  const { run } = result;
  return {
    runId: result.runId,
    status: run.status,
    received: run.counts.received,
    integrated: run.counts.integrated,
    rejected: run.counts.rejected,
    added: run.counts.added,
    updated: run.counts.updated,
    archived: run.counts.archived,
    rejections: result.rejections.map((r) => ({
      index: r.index,
      codeContrat: r.data.codeContrat || r.code,
      reasons: r.reasons.map((reason) => withMessage(reason, 'fr')),
    })),
    rejectionsTotal: result.rejectionsTotal,
    rejectionsUrl: `/api/sync/v1/runs/${encodeURIComponent(result.runId)}/rejections`,
    held: run.held,
  };
}

export function syncRoutes(deps: RouteDeps) {
  const { store, runner, config } = deps;
  const sink = deps.bodySink ?? memorySink;
  return (
    new Hono<OrgEnv>()
      .use('*', erpTokenAuth({ organizations: config.organizations }))
      .post('/v2/contrats', async (c) => {
        const orgId = c.get('org').id;
        const { body, size, dispose } = await receiveBody(c.req.raw, config.maxBodyBytes, sink());
        const input = { kind: 'body' as const, body };
        if (size > config.imports.asyncPushBytes) {
          // A very large body: answered as soon as its run is open; the outcome is read from the run.
          const { runId, done } = await runner.startInput(orgId, input).catch(async (err: unknown) => {
            await dispose();
            throw err;
          });
          void done.catch(() => undefined).finally(() => dispose());
          return c.json<runAccepted, 202>({ runId, status: 'running' }, 202);
        }
        let result: RunResult;
        try {
          result = await runner.importInput(orgId, input);
        } finally {
          await dispose();
        }
        if (result.run.status === 'failed') {
          deps.logger.error(`push run ${result.runId} failed: ${result.run.error ?? 'unknown error'}`);
          throw new HttpError(500, 'RUN_FAILED', runFailedMessage(result.runId));
        }
        return c.json<syncPushResult, 200 | 202>(toPushResult(result), result.run.status === 'held' ? 202 : 200);
      })
      .post('/v1/contrats-diff', async (c) => {
        const { body, dispose } = await receiveBody(c.req.raw, config.maxBodyBytes, sink());
        try {
          return c.json<syncDiffResult>(await runner.dryRun(c.get('org').id, { kind: 'body', body }));
        } finally {
          await dispose();
        }
      })
      .get('/v1/contrats', query(syncListQuery), async (c) => {
        const page = c.req.valid('query');
        return jsonBytes<syncList>(c, await store.syncContracts(c.get('org').id, 'integrated', page));
      })
      .get('/v1/contrats-get-all', query(syncListQuery), async (c) => {
        const page = c.req.valid('query');
        return jsonBytes<syncList>(c, await store.syncContracts(c.get('org').id, 'received', page));
      })
      .get('/v1/runs/:runId/rejections', query(syncListQuery), async (c) => {
        const { limit, page } = c.req.valid('query');
        const runId = c.req.param('runId');
        const found = await store.runRejections(c.get('org').id, runId, { limit, offset: (page - 1) * limit });
        if (!found) {
          throw new HttpError(
            404,
            'NOT_FOUND',
            `Rejets de l’import ${runId} indisponibles : seuls ceux du dernier import appliqué et des imports en attente sont conservés.`,
          );
        }
        return jsonBytes<syncRejections>(c, {
          total: found.total,
          rejections: found.rejections.map((r) => ({
            index: r.index,
            codeContrat: r.data.codeContrat || r.code,
            reasons: r.reasons.map((reason) => withMessage(reason, 'fr')),
          })),
        });
      })
      .get('/v1/test', (c) => c.json<syncTest>({ value: 'token valid', name: c.get('org').name }))
      // Unknown sync routes answer in the sync shape too: thrown here, rendered by this sub-app's onError.
      .all('*', (c) => {
        throw routeNotFound(c.req.method, c.req.path);
      })
      .onError(syncErrorHandler(deps.logger))
  );
}
