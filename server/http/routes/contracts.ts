/** GET /contracts (the Données tables) and GET /contracts/:code (one contract, its history). */
import { Hono } from 'hono';
import { z } from 'zod/mini';
import { PAGE_DEFAULT, contractsQuery, type contractDetail, type contractList } from '../../../contract/index.ts';
import { notFound } from '../errors.ts';
import { jsonBytes } from '../json-bytes.ts';
import { languageOf } from '../lang.ts';
import { query } from '../query.ts';
import type { OrgEnv, RouteDeps } from '../types.ts';
import { toContractDetail, toContractItem } from '../views.ts';

const langQuery = z.pick(contractsQuery, { lang: true });

export function contractsRoutes({ store }: RouteDeps) {
  return new Hono<OrgEnv>()
    .get('/', query(contractsQuery), async (c) => {
      const { lang: _lang, limit = PAGE_DEFAULT, offset = 0, ...filter } = c.req.valid('query');
      const lang = languageOf(c.get('language'));
      const rows = await store.listContracts(c.get('org').id, { ...filter, limit, offset });
      return jsonBytes<contractList>(c, {
        total: rows.total,
        limit,
        offset,
        items: rows.items.map((r) => toContractItem(r, lang)),
        reasonCounts: rows.reasonCounts,
      });
    })
    .get('/:code', query(langQuery), async (c) => {
      const code = c.req.param('code');
      const lang = languageOf(c.get('language'));
      const orgId = c.get('org').id;
      const facts = await store.getContract(orgId, code);
      if (!facts || (!facts.platform && !facts.rejection)) throw notFound(`Contrat inconnu : ${code}`);
      const timeline = await store.timeline(orgId, code);
      return jsonBytes<contractDetail>(c, toContractDetail(code, facts, timeline, lang));
    });
}
