/**
 * The admin API contract, as the widgets rely on it. The SAME tests run against the real server
 * (HTTP, SQLite file) and against the MSW mock: passing both is the proof that they agree.
 * Assertions are about shapes and invariants, not about one seed's data.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { contractDetail, contractList, historyDayChanges, historyDays, summary, trend, apiError } from '../../../contract/index.ts';
import { fold } from '../../../server/core/search.ts';

export interface ApiTarget {
  /** e.g. http://127.0.0.1:8787/api/erp-sync */
  base: string;
  token: string;
}

type Schema<T> = { safeParse(x: unknown): { success: true; data: T } | { success: false; error: unknown } };

export function apiContractSuite(name: string, target: () => ApiTarget) {
  const get = async (path: string, token: string | null = target().token) =>
    fetch(`${target().base}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  async function json<T>(path: string, schema: Schema<T>): Promise<T> {
    const res = await get(path);
    assert.equal(res.status, 200, `${path}: ${res.status} ${await res.clone().text()}`);
    const parsed = schema.safeParse(await res.json());
    assert.ok(parsed.success, `${path} answers its contract schema: ${parsed.success ? '' : String(parsed.error)}`);
    return parsed.data;
  }
  async function error(path: string, status: number, token: string | null = target().token) {
    const res = await get(path, token);
    assert.equal(res.status, status, path);
    const parsed = apiError.safeParse(await res.json());
    assert.ok(parsed.success, `${path}: one error shape`);
    return parsed.data.error;
  }

  describe(`admin API contract: ${name}`, () => {
    it('summary: the organisation, the last run and totals that match the lists', async () => {
      const s = await json('/summary', summary);
      assert.equal(s.lastRun?.status, 'succeeded');
      assert.ok(s.totals.integrated > 0);
      const integrated = await json('/contracts?status=integrated&limit=1', contractList);
      const rejected = await json('/contracts?status=rejected&limit=1', contractList);
      assert.equal(integrated.total, s.totals.integrated);
      assert.equal(rejected.total, s.totals.rejected);
      assert.ok(s.topReasons.length > 0 && s.topReasons.every((r, i, all) => i === 0 || all[i - 1].count >= r.count));
    });

    it('contracts: a default page, bounded, and paging that neither repeats nor skips', async () => {
      const first = await json('/contracts', contractList);
      assert.equal(first.limit, 50);
      assert.ok(first.items.length <= 50);
      const a = await json('/contracts?limit=7&offset=0', contractList);
      const b = await json('/contracts?limit=7&offset=7', contractList);
      const both = await json('/contracts?limit=14&offset=0', contractList);
      assert.deepEqual(
        [...a.items, ...b.items].map((i) => i.codeContrat),
        both.items.map((i) => i.codeContrat),
      );
      await error('/contracts?limit=100000', 400);
    });

    it('search: accent-, case- and word-order-insensitive on learner names', async () => {
      const page = await json('/contracts?limit=50', contractList);
      const someone =
        page.items.find((i) => /[^ -~]/.test(i.data.prenomApprenant + i.data.nomApprenant) && i.data.nomApprenant.length > 2) ??
        page.items[0];
      const q = `${fold(someone.data.nomApprenant)} ${fold(someone.data.prenomApprenant)}`; // last name first, no accents
      const found = await json(`/contracts?q=${encodeURIComponent(q)}`, contractList);
      assert.ok(
        found.items.some((i) => i.codeContrat === someone.codeContrat),
        `"${q}" finds ${someone.data.prenomApprenant} ${someone.data.nomApprenant}`,
      );
      const byCode = await json(`/contracts?q=${encodeURIComponent(someone.codeContrat)}`, contractList);
      assert.ok(byCode.items.some((i) => i.codeContrat === someone.codeContrat));
    });

    it('rejected contracts: reasons in words, reason filter consistent with its counts, English on demand', async () => {
      const list = await json('/contracts?status=rejected&limit=500', contractList);
      assert.ok(list.items.length > 0);
      for (const item of list.items) assert.ok(item.reasons.length > 0 && item.reasons.every((r) => r.message.length > 10));
      const top = list.reasonCounts[0];
      const filtered = await json(`/contracts?status=rejected&reason=${top.code}`, contractList);
      assert.equal(filtered.total, top.count);
      assert.ok(filtered.items.every((i) => i.reasons.some((r) => r.code === top.code)));
      const en = await json(`/contracts?status=rejected&reason=${top.code}&lang=en&limit=1`, contractList);
      assert.match(en.items[0].reasons.find((r) => r.code === top.code)!.message, /in the ERP|ERP export/);
      await error('/contracts?status=rejected&reason=NOT_A_REASON', 400);
    });

    it('sort by learner, ascending and descending', async () => {
      const asc = await json('/contracts?sort=learner&order=asc&limit=20', contractList);
      const key = (i: { data: { nomApprenant: string } }) => fold(i.data.nomApprenant);
      for (let i = 1; i < asc.items.length; i++) assert.ok(key(asc.items[i - 1]) <= key(asc.items[i]), 'ascending');
      const desc = await json('/contracts?sort=learner&order=desc&limit=20', contractList);
      for (let i = 1; i < desc.items.length; i++) assert.ok(key(desc.items[i - 1]) >= key(desc.items[i]), 'descending');
    });

    it('a contract: its versions and timeline; an unknown code is 404', async () => {
      const item = (await json('/contracts?limit=1', contractList)).items[0];
      const d = await json(`/contracts/${encodeURIComponent(item.codeContrat)}`, contractDetail);
      assert.equal(d.contract.codeContrat, item.codeContrat);
      assert.ok(d.timeline.length > 0, 'an integrated contract has at least its addition');
      assert.ok(
        d.timeline.every((c, i, all) => i === 0 || all[i - 1].at >= c.at),
        'newest first',
      );
      const e = await error('/contracts/NO-SUCH-CONTRACT', 404);
      assert.ok(e.message.length > 0);
    });

    it('history: days newest first, and a day whose changes add up to its badges', async () => {
      const h = await json('/history?limit=5', historyDays);
      assert.ok(h.days.length > 0);
      assert.ok(h.days.every((d, i, all) => i === 0 || all[i - 1].date > d.date));
      const day = h.days.find((d) => d.added + d.updated + d.archived + d.rejected + d.fixed > 0)!;
      const changes = await json(`/history/${day.date}?limit=500`, historyDayChanges);
      assert.equal(changes.total, day.added + day.updated + day.archived + day.rejected + day.fixed);
      const updated = changes.changes.find((c) => c.kind === 'updated');
      if (updated) assert.ok(updated.fields.length > 0 && updated.fields.every((f) => f.before !== f.after));
      const onlyAdded = await json(`/history/${day.date}?kind=added&limit=500`, historyDayChanges);
      assert.equal(onlyAdded.total, day.added);
      if (h.nextBefore) {
        const older = await json(`/history?limit=5&before=${h.nextBefore}`, historyDays);
        assert.ok(older.days.every((d) => d.date < h.nextBefore!));
      }
      await error('/history/2026-13-45', 400);
    });

    it('history?q&kind: only the days with a matching change, and badges counting those', async () => {
      const changed = (d: historyDays['days'][number]) => d.added + d.updated + d.archived + d.rejected + d.fixed;
      const all = (await json('/history?limit=366', historyDays)).days;
      const day = all.find((d) => changed(d) > 0)!;
      const learner = (await json(`/history/${day.date}?limit=500`, historyDayChanges)).changes.find(
        (c) => c.learner.trim() !== '',
      )!.learner;
      const q = encodeURIComponent(learner);
      const matching = (await json(`/history?limit=366&q=${q}`, historyDays)).days;
      assert.ok(
        matching.some((d) => d.date === day.date),
        `${learner} changed on ${day.date}`,
      );
      for (const d of all) {
        const total = (await json(`/history/${d.date}?q=${q}&limit=1`, historyDayChanges)).total;
        const listed = matching.find((m) => m.date === d.date);
        // Listed exactly when that day has a change for q, with the day's own total as its badges.
        assert.equal(listed ? changed(listed) : 0, total, `${d.date} for ${learner}`);
      }
      const archived = (await json('/history?limit=366&kind=archived', historyDays)).days;
      assert.deepEqual(
        archived.map((d) => d.date),
        all.filter((d) => d.archived > 0).map((d) => d.date),
      );
      assert.ok(archived.every((d) => d.archived > 0 && changed(d) === d.archived));
      const bad = await error('/history?kind=deleted', 400);
      assert.match(bad.message, /kind/);
    });

    it('trend: one point per day with counts', async () => {
      const t = await json('/history/trend?days=30', trend);
      assert.ok(t.points.length > 0);
      const s = await json('/summary', summary);
      const last = t.points[t.points.length - 1];
      assert.deepEqual([last.integrated, last.rejected], [s.totals.integrated, s.totals.rejected]);
    });

    it('CSV export opens in French Excel', async () => {
      const res = await get('/contracts.csv?status=rejected');
      assert.equal(res.status, 200);
      const bytes = new Uint8Array(await res.arrayBuffer());
      assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
      const text = new TextDecoder().decode(bytes);
      assert.match(text.split('\r\n')[0], /;/);
      const rejected = await json('/contracts?status=rejected&limit=1', contractList);
      assert.equal(text.trim().split('\r\n').length, rejected.total + 1, 'a header and one line per contract');
    });

    it('auth: no token 401, a forged token 401', async () => {
      await error('/summary', 401, null);
      const [h, p] = target().token.split('.');
      await error('/summary', 401, `${h}.${p}.forged-signature`);
    });

    it('the OpenAPI document is served', async () => {
      const res = await get('/openapi.json', null);
      assert.equal(res.status, 200);
      const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
      assert.equal(doc.openapi, '3.1.0');
      assert.ok('/api/erp-sync/contracts' in doc.paths || '/contracts' in doc.paths);
    });
  });
}
