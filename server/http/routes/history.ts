/** The Historique screen: days with runs/changes (or with changes matching q/kind), the trend chart, one day's changes. */
import { Hono } from 'hono';
import { z } from 'zod/mini';
import {
  PAGE_DEFAULT,
  historyDayQuery,
  historyQuery,
  type historyDayChanges,
  type historyDays,
  type trend,
} from '../../../contract/index.ts';
import { invalidParameter } from '../errors.ts';
import { pickLang } from '../lang.ts';
import { isIsoDay, parseQuery } from '../query.ts';
import type { OrgEnv, RouteDeps } from '../types.ts';
import { toChange } from '../views.ts';

export const HISTORY_DAYS_DEFAULT = 30;
export const TREND_DAYS_DEFAULT = 30;
export const TREND_DAYS_MAX = 366;

/** `?days` of GET /history/trend (the contract has no schema for it). */
export const trendQuery = z.object({
  days: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(TREND_DAYS_MAX)), TREND_DAYS_DEFAULT),
});

function checkDay(name: string, value: string | undefined): void {
  if (value !== undefined && !isIsoDay(value)) throw invalidParameter(name, `date AAAA-MM-JJ attendue (reçu « ${value} »)`);
}

export function historyRoutes({ store }: RouteDeps) {
  return new Hono<OrgEnv>()
    .get('/', async (c) => {
      const { limit = HISTORY_DAYS_DEFAULT, before, from, q, kind } = parseQuery(historyQuery, c.req.query());
      checkDay('before', before);
      checkDay('from', from);
      const page = await store.historyDays(c.get('org').id, { limit, before, from, q, kind });
      return c.json<historyDays>(page);
    })
    .get('/trend', async (c) => {
      const { days } = parseQuery(trendQuery, c.req.query());
      return c.json<trend>(await store.trend(c.get('org').id, days));
    })
    .get('/:date', async (c) => {
      const date = c.req.param('date');
      checkDay('date', date);
      const { lang: langParam, limit = PAGE_DEFAULT, offset = 0, q, kind } = parseQuery(historyDayQuery, c.req.query());
      const lang = pickLang(langParam, c.req.header('Accept-Language'));
      const { total, changes } = await store.historyDay(c.get('org').id, date, { q, kind, limit, offset });
      return c.json<historyDayChanges>({ date, total, limit, offset, changes: changes.map((ch) => toChange(ch, lang)) });
    });
}
