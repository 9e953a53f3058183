/**
 * fold() from the core, with two shortcuts for bulk writes (100k contracts fold ~800k values,
 * most of them repeated: company, formation, group and site names).
 */
import { fold } from '../../core/search.ts';

// Printable ASCII has nothing to decompose or strip: lowercasing and spacing is all fold does.
export const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const MAX_CACHE = 20_000;
let cache = new Map<string, string>();

export function foldFast(s: string): string {
  if (PRINTABLE_ASCII.test(s)) {
    const lower = s.toLowerCase();
    // Single-spaced and trimmed already, as nearly every value is: the two passes below change nothing.
    if (lower.indexOf('  ') === -1 && lower.charCodeAt(0) !== 32 && lower.charCodeAt(lower.length - 1) !== 32) return lower;
    return lower.replace(/ +/g, ' ').trim();
  }
  let f = cache.get(s);
  if (f === undefined) {
    f = fold(s);
    if (cache.size >= MAX_CACHE) cache = new Map(); // bounded: start over rather than track recency
    cache.set(s, f);
  }
  return f;
}
