/** GET /summary: the organisation, its last run, totals, top reasons, whether it can run now. */
import { Hono } from 'hono';
import type { summary } from '../../../contract/index.ts';
import type { OrgEnv, RouteDeps } from '../types.ts';

export function summaryRoutes({ store, runner }: RouteDeps) {
  return new Hono<OrgEnv>().get('/', async (c) => {
    const org = c.get('org');
    const facts = await store.summary(org.id);
    return c.json<summary>({
      organization: { id: org.id, name: org.name },
      lastRun: facts.lastRun,
      totals: facts.totals,
      topReasons: facts.topReasons,
      canRun: runner.canRun(org.id),
    });
  });
}
