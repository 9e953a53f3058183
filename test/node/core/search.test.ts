import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fold } from '../../../server/core/search.ts';
import { foldFast } from '../../../server/store/common/fold.ts';
import { changeSearchText, matchesPrefixWords, queryWords, searchText, words } from '../../../server/store/common/search.ts';
import { validRecord } from './fixtures.ts';

test('fold lowercases, strips accents and ligatures, collapses spaces', () => {
  assert.equal(fold('  Hélène   DUPONT\t'), 'helene dupont');
  assert.equal(fold('Lœtitia Çà'), 'loetitia ca');
  assert.equal(fold('ÉLODIE'), 'elodie');
});

test("the stores' search rule: every query word starts a word of the contract, in any order, accents and case aside", () => {
  const text = words(
    searchText(validRecord(7, { nomApprenant: 'DUPONT', prenomApprenant: 'Hélène', nomEntreprise: 'Boulangerie Éclair' })),
  );
  const finds = (q: string) => matchesPrefixWords(text, queryWords(q));
  for (const q of ['helene dupont', 'Dupont Hélène', 'HÉLÈNE', 'hel dup', 'eclair', 'boulangerie helene']) assert.ok(finds(q), q);
  assert.ok(!finds('helene durand'), 'every word must match');
  assert.ok(!finds('upont'), 'words match by their start');
  assert.deepEqual(queryWords('  Jean-Pierre  '), ['jean', 'pierre']);
  assert.deepEqual(queryWords('   '), []);
});

test('fold drops invisible characters, so "Zero" finds "Ze\\u200bro" (and soft hyphens, joiners, BOM)', () => {
  assert.equal(fold('Ze\u200bro'), 'zero');
  assert.equal(fold('Hé\u00adlène\u200c \u2060Du\u200dpont\ufeff'), 'helene dupont');
  assert.equal(fold('Zero'), fold('Ze\u200bro'));
});

test("a change's search text, folded part by part, is the fold of its joined parts whatever they hold", () => {
  // Pieces that fold differently at a part's edge: spaces of every kind, invisible and combining
  // characters, ligatures, a Greek capital sigma (its lowercase depends on its neighbours), empty.
  const pieces = ['', ' ', '\t', '\u00a0', '\u200b', '\u0301', 'Σ', 'ΑΣ', 'œ', 'É', 'e', 'DUPONT', 'Hélène', '42', '-', "L'Éclair"];
  let seed = 7;
  const pick = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return pieces[seed % pieces.length];
  };
  const part = () => Array.from({ length: 1 + (pick().length % 4) }, pick).join('');
  for (let i = 0; i < 5_000; i++) {
    const [learner, code, formation] = [part(), part(), part()];
    assert.equal(
      changeSearchText(learner, code, formation),
      fold(`${learner} ${code} ${formation}`),
      JSON.stringify([learner, code, formation]),
    );
  }
});

test('words splits printable ASCII as FTS5 unicode61 does (letters and digits kept), through its ASCII shortcut', () => {
  // FTS5's rule, written out: the Unicode classes words() uses for any other text.
  const unicode61 = (s: string) => s.split(/[^\p{L}\p{N}\p{Co}]+/u).filter((w) => w !== '');
  let seed = 11;
  const next = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed;
  };
  for (let i = 0; i < 5_000; i++) {
    // Every printable ASCII character, uppercase letters and punctuation included (words() may be given unfolded text).
    const s = Array.from({ length: next() % 24 }, () => String.fromCharCode(0x20 + (next() % 95))).join('');
    assert.deepEqual(words(s), unicode61(s), JSON.stringify(s));
  }
  assert.deepEqual(words("l'oreal 2024-099860 (bts) a&b"), ['l', 'oreal', '2024', '099860', 'bts', 'a', 'b']);
  assert.deepEqual(words('hélène ze\u00a0ro'), ['hélène', 'ze', 'ro'], 'beyond ASCII: the Unicode classes');
});

test('the bulk writes’ fold (foldFast, with its shortcuts) is fold, whatever the spaces, case and characters', () => {
  const pieces = [' ', '  ', 'a', 'B', 'É', 'œ', '-', "'", '\t', '\u00a0', '\u200b', 'Zé', '42', ''];
  let seed = 3;
  const pick = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return pieces[seed % pieces.length];
  };
  for (let i = 0; i < 5_000; i++) {
    const s = Array.from({ length: seed % 7 }, pick).join('');
    // Twice: the second answer may come from the cache.
    assert.equal(foldFast(s), fold(s), JSON.stringify(s));
    assert.equal(foldFast(s), fold(s), JSON.stringify(s));
  }
  for (const s of ['', ' ', 'DUPONT', ' Dupont', 'Dupont ', 'Jean  Pierre', 'jean pierre'])
    assert.equal(foldFast(s), fold(s), JSON.stringify(s));
});
