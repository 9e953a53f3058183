/**
 * The in-memory words of PostgreSQL's admin search (server/store/common/word-index.ts) against
 * the rule every store applies (common/search.ts matchesPrefixWords), on random words that
 * share many prefixes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchesPrefixWords } from '../../../server/store/common/search.ts';
import { WordIndex } from '../../../server/store/common/word-index.ts';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

// Few letters, so that words share prefixes; one outside the BMP and one accented letter kept by folding.
const LETTERS = ['a', 'b', 'c', 'ß', '𝔸', '1'];

function word(r: () => number): string {
  const n = 1 + Math.floor(r() * 4);
  let w = '';
  for (let i = 0; i < n; i++) w += LETTERS[Math.floor(r() * LETTERS.length)];
  return w;
}

describe('word index', () => {
  it('finds the contracts where every query word is the prefix of one of their words, as the stores’ rule', async () => {
    const r = random(7);
    const contracts = new Map<number, string[]>();
    for (let i = 0; i < 600; i++) {
      const id = 1 + i * 3 + Math.floor(r() * 3);
      contracts.set(
        id,
        Array.from({ length: Math.floor(r() * 5) }, () => word(r)),
      );
    }
    const ids = Float64Array.from(contracts.keys()).sort();
    // Lines in any order, one repeated word, and lines of contracts that are not among the ids.
    const lines = [...contracts].map(([id, ws]) => `${id} ${[...ws, ...ws.slice(0, 1)].join(' ')}`);
    lines.sort(() => r() - 0.5);
    lines.push('5000000 a ab abc', '5000001 b');
    const index = await WordIndex.build(ids, lines.join('\n'));
    const queries = [['a'], ['ab'], ['a', 'ab'], ['b', 'c'], ['ß'], ['𝔸'], ['𝔸a'], ['1', 'a', 'b'], ['abca'], ['zz'], ['c', 'c']];
    for (let i = 0; i < 200; i++) queries.push(Array.from({ length: 1 + Math.floor(r() * 3) }, () => word(r)));
    let found = 0;
    for (const q of queries) {
      const expected = [...contracts.keys()].filter((id) => matchesPrefixWords(contracts.get(id) ?? [], q)).sort((a, b) => a - b);
      assert.deepEqual(index.matches(q), expected, q.join(' '));
      found += expected.length;
    }
    assert.ok(found > 1000, 'the queries find contracts');
  });

  it('no contract, or lines that are not among the ids: nothing found', async () => {
    assert.deepEqual((await WordIndex.build(new Float64Array(0), '')).matches(['a']), []);
    assert.deepEqual((await WordIndex.build(Float64Array.from([1, 2]), '3 a\n4 a')).matches(['a']), []);
    assert.deepEqual((await WordIndex.build(Float64Array.from([1, 2]), '2 ab\n1 a')).matches(['a']), [1, 2]);
  });
});
