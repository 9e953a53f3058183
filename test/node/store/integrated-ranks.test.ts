/**
 * The per-run ranks of the admin search (server/store/common/integrated-ranks.ts) against the
 * obvious computation, with dense ids (looked up directly) and sparse ones (binary search).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { reasonCode } from '../../../contract/index.ts';
import { IntegratedRanks, IntegratedSnapshot, idList, orderName } from '../../../server/store/common/integrated-ranks.ts';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const REASONS: reasonCode[] = ['EMPLOYER_MISSING', 'TUTOR_MISSING', 'SIRET_INVALID'];

function fixture(step: number, seed: number) {
  const r = random(seed);
  const ids = Array.from({ length: 2_000 }, (_, i) => 1 + i * step + Math.floor(r() * step));
  const ordered = [...ids].sort(() => r() - 0.5);
  const reasons = new Map<number, reasonCode[]>();
  for (const id of ids)
    if (r() < 0.1)
      reasons.set(
        id,
        REASONS.filter(() => r() < 0.5),
      );
  // Matches: some integrated ids, and ids of other statuses (not in `ids`).
  const matched = [...ids.filter(() => r() < 0.3), ...Array.from({ length: 200 }, () => 10_000_000 + Math.floor(r() * 1e6))];
  return { ids, ordered, reasons, matched: [...new Set(matched)].sort((a, b) => a - b) };
}

function naive(f: ReturnType<typeof fixture>, reason: reasonCode | undefined, offset: number, limit: number) {
  const known = new Set(f.ids);
  const hits = f.matched.filter((id) => known.has(id));
  const counts = new Map<reasonCode, number>();
  for (const id of hits) for (const code of f.reasons.get(id) ?? []) counts.set(code, (counts.get(code) ?? 0) + 1);
  const kept = hits.filter((id) => reason === undefined || (f.reasons.get(id) ?? []).includes(reason));
  const rank = new Map(f.ordered.map((id, i) => [id, i]));
  kept.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
  return {
    total: kept.length,
    ids: kept.slice(offset, offset + limit),
    reasonCounts: [...counts].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1)),
  };
}

describe('integrated ranks', () => {
  for (const [label, step] of [
    ['dense ids', 1],
    ['sparse ids', 50],
  ] as const) {
    it(`${label}: count, reason counts and pages as the obvious computation, matches in any order`, () => {
      const f = fixture(step, step);
      const snapshot = new IntegratedSnapshot('3', f.ids, f.reasons);
      const name = orderName('company', 'desc');
      assert.equal(snapshot.addOrder(name, f.ordered), true);
      for (const reason of [undefined, 'TUTOR_MISSING'] as const) {
        for (const offset of [0, 50, 590, 5_000]) {
          const expected = naive(f, reason, offset, 50);
          assert.deepEqual(snapshot.page(name, f.matched, { reason, offset, limit: 50 }), expected);
          assert.deepEqual(snapshot.page(name, [...f.matched].reverse(), { reason, offset, limit: 50 }), expected);
        }
      }
    });
  }

  it('an order whose ids are not the snapshot’s is refused', () => {
    const snapshot = new IntegratedSnapshot('1', [1, 2, 3], new Map());
    assert.equal(snapshot.addOrder('learner:asc', [3, 1]), false);
    assert.equal(snapshot.addOrder('learner:asc', [3, 1, 4]), false);
    assert.equal(snapshot.hasOrder('learner:asc'), false);
    assert.equal(snapshot.addOrder('learner:asc', [3, 1, 2]), true);
  });

  it('ids from one comma-separated string', () => {
    assert.deepEqual(idList(null), []);
    assert.deepEqual(idList(''), []);
    assert.deepEqual(idList('7'), [7]);
    assert.deepEqual(idList('1,20,300,9007199254740991'), [1, 20, 300, 9007199254740991]);
  });

  it('a snapshot is found only under the key it was read with', () => {
    const ranks = new IntegratedRanks();
    ranks.set('cfa', new IntegratedSnapshot('7', [], new Map()));
    assert.ok(ranks.get('cfa', '7'));
    assert.equal(ranks.get('cfa', '8'), undefined);
    assert.equal(ranks.get('other', '7'), undefined);
  });
});
