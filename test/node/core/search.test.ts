import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contractSearchText, fold, matchesSearch, matchesTokens, searchTokens } from '../../../server/core/search.ts';
import { validRecord } from './fixtures.ts';

test('fold lowercases, strips accents and ligatures, collapses spaces', () => {
  assert.equal(fold('  Hélène   DUPONT\t'), 'helene dupont');
  assert.equal(fold('Lœtitia Çà'), 'loetitia ca');
  assert.equal(fold('ÉLODIE'), 'elodie');
});

test('searchTokens splits folded words', () => {
  assert.deepEqual(searchTokens('  Hélène  Dupont '), ['helene', 'dupont']);
  assert.deepEqual(searchTokens('   '), []);
});

test('matchesSearch is word-order, accent and case free', () => {
  for (const q of ['helene dupont', 'Dupont Hélène', 'Hélène DUPONT', 'hel dup', 'DUP']) {
    assert.ok(matchesSearch('Hélène DUPONT', q), q);
  }
  assert.ok(matchesSearch('anything', ''));
  assert.ok(!matchesSearch('Hélène DUPONT', 'helene durand'));
  assert.ok(matchesSearch('Jean-Pierre MARTIN', 'pierre'));
});

test('contractSearchText covers learner, contract code, employer, formation', () => {
  const text = contractSearchText(validRecord(7, { nomApprenant: 'DUPONT', prenomApprenant: 'Hélène', nomEntreprise: 'Boulangerie Éclair' }));
  const tokens = (q: string) => matchesTokens(text, searchTokens(q));
  assert.ok(tokens('helene dupont'));
  assert.ok(tokens('C00007'));
  assert.ok(tokens('eclair'));
  assert.ok(tokens('bts mco'));
  assert.ok(tokens('btsmco'));
  assert.ok(!tokens('martin')); // the school tutor is not searched
});
