/** The Historique screen: days with runs/changes (or with changes matching q/kind), the trend chart, one day's changes. */
import { Hono } from 'hono';
import {
  PAGE_DEFAULT,
  historyDayQuery,
  historyQuery,
  trendQuery,
  type historyDayChanges,
  type historyDays,
  type trend,
} from '../../../contract/index.ts';
import { invalidParameter } from '../errors.ts';
import { jsonBytes } from '../json-bytes.ts';
import { languageOf } from '../lang.ts';
import { isIsoDay, query } from '../query.ts';
import type { OrgEnv, RouteDeps } from '../types.ts';
import { toChange } from '../views.ts';

export const HISTORY_DAYS_DEFAULT = 30;

function checkDay(name: string, value: string | undefined): void {
  if (value !== undefined && !isIsoDay(value)) throw invalidParameter(name, `date AAAA-MM-JJ attendue (reçu « ${value} »)`);
}

export function historyRoutes({ store }: RouteDeps) {
  return new Hono<OrgEnv>()
    .get('/', query(historyQuery), async (c) => {
      const { limit = HISTORY_DAYS_DEFAULT, before, from, q, kind } = c.req.valid('query');
      checkDay('before', before);
      checkDay('from', from);
      const page = await store.historyDays(c.get('org').id, { limit, before, from, q, kind });
      return jsonBytes<historyDays>(c, page);
    })
    .get('/trend', query(trendQuery), async (c) => {
      const { days } = c.req.valid('query');
      return c.json<trend>(await store.trend(c.get('org').id, days));
    })
    .get('/:date', query(historyDayQuery), async (c) => {
      const date = c.req.param('date');
      checkDay('date', date);
      const { limit = PAGE_DEFAULT, offset = 0, q, kind } = c.req.valid('query');
      const lang = languageOf(c.get('language'));
      const { total, changes } = await store.historyDay(c.get('org').id, date, { q, kind, limit, offset });
      return jsonBytes<historyDayChanges>(c, { date, total, limit, offset, changes: changes.map((ch) => toChange(ch, lang)) });
    });
}
