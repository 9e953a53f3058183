/** Runs on demand: start the configured source, read a run, approve a held run, abandon a stuck one. */
import { Hono } from 'hono';
import { PAGE_DEFAULT, heldPreviewQuery, type heldPreview, type runAccepted, type runSummary } from '../../../contract/index.ts';
import { RunError } from '../../runner/runner.ts';
import { HttpError, notFound } from '../errors.ts';
import { languageOf } from '../lang.ts';
import { jsonBytes } from '../json-bytes.ts';
import { query } from '../query.ts';
import type { OrgEnv, RouteDeps } from '../types.ts';
import { toContractDetail } from '../views.ts';

export function runsRoutes({ store, runner, logger }: RouteDeps) {
  return new Hono<OrgEnv>()
    .post('/', async (c) => {
      const orgId = c.get('org').id;
      if (!runner.canRun(orgId)) {
        throw new HttpError(
          409,
          'NOT_RUNNABLE',
          'La source de cette organisation ne se lance pas à la demande : l’ERP pousse ses données.',
        );
      }
      // Answered as soon as the run is open (visible as running in /summary); reading the ERP happens inside it.
      const { runId, done } = await runner.startSource(orgId, { by: c.get('actor') });
      void done.catch((err: unknown) => {
        // Abandoned by an admin: recorded with the run, not an error.
        if (err instanceof RunError && err.code === 'RUN_NOT_RUNNING') return;
        logger.error(`run ${runId} of ${orgId} failed`, err);
      });
      return c.json<runAccepted, 202>({ runId, status: 'running' }, 202);
    })
    .post('/:id/approve', async (c) => {
      const result = await runner.approve(c.get('org').id, c.req.param('id'), { by: c.get('actor') });
      return c.json<runAccepted>({ runId: result.runId, status: result.run.status });
    })
    .post('/:id/abandon', async (c) => {
      const run = await runner.abandon(c.get('org').id, c.req.param('id'), c.get('actor'));
      return c.json<runSummary>(run);
    })
    .get('/:id/preview', query(heldPreviewQuery), async (c) => {
      const orgId = c.get('org').id;
      const id = c.req.param('id');
      const { kind, q, limit = PAGE_DEFAULT, offset = 0 } = c.req.valid('query');
      const lang = languageOf(c.get('language'));
      const run = await store.getRun(orgId, id);
      if (!run) throw notFound(`Import inconnu : ${id}`);
      if (run.status !== 'held') {
        throw new HttpError(409, 'RUN_NOT_HELD', `Cet import n’est pas en attente d’approbation (statut : ${run.status}).`);
      }
      const page = await store.heldEffects(orgId, id, { kind, q, limit, offset });
      const items = [];
      for (const e of page.items) {
        const facts = await store.getContract(orgId, e.code);
        if (facts) items.push({ contract: toContractDetail(e.code, facts, [], lang).contract, fields: e.fields });
      }
      return jsonBytes<heldPreview>(c, { run, kind, total: page.total, limit, offset, items });
    })
    .get('/:id', async (c) => {
      const id = c.req.param('id');
      const run = await store.getRun(c.get('org').id, id);
      if (!run) throw notFound(`Import inconnu : ${id}`);
      return c.json<runSummary>(run);
    });
}
