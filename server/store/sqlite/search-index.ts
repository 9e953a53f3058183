/**
 * The organisation-scoped full-text index. Every word of a contract's search text is indexed
 * behind its organisation's token ("o002fhelene"), and queries ask for the same prefix
 * ("o002fhel"*): FTS5's term space is thus split by organisation, so a small CFA's search never
 * walks the postings of a large one's (a reason-count search once took 12 s for 1,153 rows
 * because another organisation held 49,471). The words are those of common/search.ts, so the
 * memory store's prefix-word rule and this index agree.
 */
import type Database from 'better-sqlite3';
import type { contractRecord } from '../../../contract/index.ts';
import { searchText, words } from '../common/search.ts';

/** Fixed width (base 36, 4 characters: 1.6 million organisations), so no token is a prefix of another's words. */
export function orgToken(rowid: number): string {
  return `o${rowid.toString(36).padStart(4, '0')}`;
}

/** A cached token per organisation id, from the organisations table's rowid. */
export function orgTokens(db: Database.Database): (orgId: string) => string {
  const cache = new Map<string, string>();
  const read = db.prepare<[string], { rowid: number }>('SELECT rowid FROM organizations WHERE id = ?');
  return (orgId) => {
    let t = cache.get(orgId);
    if (t === undefined) {
      const row = read.get(orgId);
      if (!row) throw new Error(`organization ${orgId} not found`);
      t = orgToken(row.rowid);
      cache.set(orgId, t);
    }
    return t;
  };
}

/** The document indexed for a contract or rejection. */
export function ftsWords(token: string, data: contractRecord): string {
  let out = '';
  for (const w of words(searchText(data))) out += out === '' ? token + w : ` ${token}${w}`;
  return out;
}

/** The MATCH expression of a query's folded words: every word, as a prefix, in this organisation. */
export function ftsQuery(token: string, qWords: readonly string[]): string {
  return qWords.map((w) => `"${token}${w}"*`).join(' ');
}
