/** Runs on demand: start the configured source, approve a held run, read a run. */
import { Hono } from 'hono';
import type { runAccepted, runSummary } from '../../../contract/index.ts';
import { HttpError, notFound } from '../errors.ts';
import type { OrgEnv, RouteDeps } from '../types.ts';

export function runsRoutes({ store, runner }: RouteDeps) {
  return new Hono<OrgEnv>()
    .post('/', async (c) => {
      const orgId = c.get('org').id;
      if (!runner.canRun(orgId)) {
        throw new HttpError(
          409,
          'NOT_RUNNABLE',
          "La source de cette organisation ne se lance pas à la demande : l'ERP pousse ses données.",
        );
      }
      const { runId } = await runner.startSource(orgId);
      return c.json<runAccepted, 202>({ runId, status: 'running' }, 202);
    })
    .post('/:id/approve', async (c) => {
      const result = await runner.approve(c.get('org').id, c.req.param('id'));
      return c.json<runAccepted>({ runId: result.runId, status: result.run.status });
    })
    .get('/:id', async (c) => {
      const id = c.req.param('id');
      const run = await store.getRun(c.get('org').id, id);
      if (!run) throw notFound(`Import inconnu : ${id}`);
      return c.json<runSummary>(run);
    });
}
