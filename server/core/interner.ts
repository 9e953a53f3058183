/**
 * One string object per distinct value. A national export repeats most of a contract's values
 * (formation, site, group, period, company, first names, dates): 100,000 records read from a
 * file hold ~3.5 million strings, two thirds of them copies. Sharing them cuts the memory an
 * import holds between reading and writing by a third, so a run of that size stays in memory
 * instead of spilling to disk. Bounded: past `max` distinct values, new ones are kept as given.
 */
export type Interner = (s: string) => string;

export function createInterner(max = 100_000): Interner {
  const seen = new Map<string, string>();
  return (s) => {
    const known = seen.get(s);
    if (known !== undefined) return known;
    if (seen.size >= max) return s;
    const own = ownCopy(s);
    seen.set(own, own);
    return own;
  };
}

/**
 * A string that owns its characters. V8 cuts a value of 13 characters or more out of a larger
 * text (a CSV piece of megabytes) as a view into it: kept in a table that lives as long as the
 * run, one short code would keep its whole piece alive (a million-row file kept 340 MB of
 * pieces alive that way). Shorter values are already copies.
 */
export function ownCopy(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/** No sharing: each value kept as given. */
export const noInterner: Interner = (s) => s;
