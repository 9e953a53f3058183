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
    // A copy, not the value itself: a value cut from a large text (a CSV piece) would keep that
    // whole text alive as long as the table lives.
    const own = s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
    seen.set(own, own);
    return own;
  };
}

/** No sharing: each value kept as given. */
export const noInterner: Interner = (s) => s;
