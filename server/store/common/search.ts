/**
 * Contract search shared by the SQLite and in-memory stores, so that both answer the same
 * rows for the same query. SQLite runs it through FTS5 (unicode61 tokenizer); the memory
 * store applies the same rule in JS: every query word must be the PREFIX of some word of the
 * contract's folded text ("hel dup" finds "Hélène DUPONT", in any order).
 */
import type { contractRecord } from '../../../contract/index.ts';
import { foldFast as fold, PRINTABLE_ASCII } from './fold.ts';

// unicode61 keeps letters, digits and private-use characters in tokens and splits on the rest;
// splitting the same way here keeps the memory store's words identical to FTS5's.
const SEPARATORS = /[^\p{L}\p{N}\p{Co}]+/u;
/** The same classes within printable ASCII (nearly every contract's text): splitting on them took half the time. */
const ASCII_SEPARATORS = /[^A-Za-z0-9]+/;

/** The folded words of a text (already folded text goes through unchanged). */
export function words(folded: string): string[] {
  return folded.split(PRINTABLE_ASCII.test(folded) ? ASCII_SEPARATORS : SEPARATORS).filter((w) => w !== '');
}

/** The folded words of a query; empty when the query has nothing searchable. */
export function queryWords(q: string | undefined): string[] {
  return q === undefined ? [] : words(fold(q));
}

/**
 * The folded text a contract or rejection is searched by. Kept here (not the core's
 * contractSearchText) because the SQLite FTS trigger concatenates the same columns.
 */
export function searchText(data: contractRecord): string {
  // Folded part by part (equal to folding the joined text) so the per-value cache applies.
  return [data.nomApprenant, data.prenomApprenant, data.codeContrat, data.nomEntreprise, data.nomFormation, data.codeFormation]
    .map(fold)
    .filter((w) => w !== '')
    .join(' ');
}

/** FTS5 MATCH expression: prefix tokens, implicitly AND-ed. Words only hold letters/digits, so quoting is safe. */
export function ftsExpression(qWords: readonly string[]): string {
  return qWords.map((w) => `"${w}"*`).join(' ');
}

/** The memory store's equivalent of the FTS5 query above. */
export function matchesPrefixWords(textWords: readonly string[], qWords: readonly string[]): boolean {
  return qWords.every((q) => textWords.some((w) => w.startsWith(q)));
}

/**
 * History day search (changes): every query word must occur somewhere in the folded
 * learner / code / formation text. SQLite does the same with one `LIKE '%word%'` per word.
 */
export function changeSearchText(learner: string, code: string, formation: string): string {
  // Part by part, equal to folding the joined text (fold single-spaces and trims): the learner's
  // and formation's names repeat, so the per-value cache answers most of them, where the joined
  // text of each change was folded in full (a quarter of a second at 100,000 changes).
  let out = '';
  for (const part of [learner, code, formation]) {
    const f = fold(part);
    if (f !== '') out = out === '' ? f : `${out} ${f}`;
  }
  return out;
}

export function changeQueryWords(q: string | undefined): string[] {
  if (q === undefined) return [];
  const f = fold(q);
  return f === '' ? [] : f.split(' ');
}
