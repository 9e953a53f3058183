/**
 * Search in PostgreSQL with the rule of common/search.ts: the folded words of a contract are
 * indexed as they are (array_to_tsvector of the words, GIN), and a query asks for every folded
 * query word as a prefix (`'hel':* & 'dup':*`). Words hold only letters and digits, so quoting
 * them as tsquery lexemes is safe.
 */
import type { contractRecord } from '../../../contract/index.ts';
import { searchText, words } from '../common/search.ts';

/** The words of a contract or rejection, space-separated (the SQL splits them: `array_to_tsvector(string_to_array(w, ' '))`). */
export function indexedWords(data: contractRecord): string {
  return words(searchText(data)).join(' ');
}

/** SQL turning a bound space-separated word list into the indexed tsvector. */
export const wordsVector = (param: string): string => `array_to_tsvector(string_to_array(${param}, ' '))`;

/** The tsquery of a query's folded words: every word, as a prefix. */
export function prefixQuery(qWords: readonly string[]): string {
  return qWords.map((w) => `'${w}':*`).join(' & ');
}
