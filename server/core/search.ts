/**
 * Accent- and case-insensitive search shared by every store (in-memory, SQLite, the browser
 * mock), so that "helene dupont" finds "Hélène DUPONT" whichever store serves the page.
 */
import type { ContractRecord } from '../contract/index.ts';

// NFD does not split these ligatures, and French names use them (Lœtitia, Cœur).
const LIGATURES: Record<string, string> = { œ: 'oe', Œ: 'oe', æ: 'ae', Æ: 'ae', ß: 'ss' };

const NON_ASCII = /[^\x00-\x7f]/;

/** Lowercase, without accents, single-spaced, trimmed. */
export function fold(s: string): string {
  let t = s;
  // Most codes and many names are plain ASCII: skipping NFD for them matters at 100,000 records.
  if (NON_ASCII.test(t)) {
    t = t
      .replace(/[œŒæÆß]/g, (c) => LIGATURES[c])
      .normalize('NFD')
      .replace(/\p{M}/gu, '');
  }
  return t.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The words of a query, folded. */
export function searchTokens(q: string): string[] {
  const f = fold(q);
  return f === '' ? [] : f.split(' ');
}

/**
 * Whether every query word occurs in the haystack, in any order. A substring test covers
 * "prefix of some word" too, and lets a partial contract code or a hyphenated name match.
 */
export function matchesSearch(haystack: string, q: string): boolean {
  return matchesTokens(fold(haystack), searchTokens(q));
}

/** Same test with the query tokenised once and a pre-folded haystack: for scanning many rows. */
export function matchesTokens(foldedHaystack: string, tokens: readonly string[]): boolean {
  for (const t of tokens) if (!foldedHaystack.includes(t)) return false;
  return true;
}

/** The folded text a contract is searched by (the Données search box). */
export function contractSearchText(record: ContractRecord): string {
  return fold(
    [
      record.nomApprenant,
      record.prenomApprenant,
      record.codeContrat,
      record.nomEntreprise,
      record.nomFormation,
      record.codeFormation,
    ].join(' '),
  );
}
