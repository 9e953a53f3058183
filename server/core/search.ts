/**
 * Folding for accent- and case-insensitive search and sorting. The search rule itself (prefix
 * words, any order) lives in server/store/common/search.ts, shared by every store.
 */
// NFD does not split these ligatures, and French names use them (Lœtitia, Cœur).
const LIGATURES: Record<string, string> = { œ: 'oe', Œ: 'oe', æ: 'ae', Æ: 'ae', ß: 'ss' };

// biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range starts at NUL on purpose
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Characters that show nothing: zero-width space, joiner and non-joiner, word joiner, BOM, soft
 * hyphen. An ERP (or a copy-paste from a web page) leaves them inside names: "Ze\u200bro" must
 * be found by "zero", on both sides of the search.
 */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;

/** Lowercase, without accents and invisible characters, single-spaced, trimmed. */
export function fold(s: string): string {
  let t = s;
  // Most codes and many names are plain ASCII: skipping NFD for them matters at 100,000 records.
  if (NON_ASCII.test(t)) {
    t = t
      .replace(INVISIBLE, '')
      .replace(/[œŒæÆß]/g, (c) => LIGATURES[c])
      .normalize('NFD')
      .replace(/\p{M}/gu, '');
  }
  return t.toLowerCase().replace(/\s+/g, ' ').trim();
}
