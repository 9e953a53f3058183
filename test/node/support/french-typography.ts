/** French typography, checked: what the product's French strings must follow (narrow no-break spaces, curly apostrophes, « »). */
export const NNBSP = '\u202f';

/** What is wrong with one French string, in words; [] when nothing is. */
export function typographyErrors(s: string): string[] {
  const errors: string[] = [];
  for (const m of s.matchAll(/[:;!?]/g)) {
    const before = s[m.index - 1];
    // 14:05 is a time, not punctuation.
    if (m[0] === ':' && /\d/.test(before ?? '') && /\d/.test(s[m.index + 1] ?? '')) continue;
    if (before !== NNBSP) errors.push(`no narrow no-break space before « ${m[0]} » at ${m.index}`);
  }
  if (s.includes("'")) errors.push('a straight apostrophe (use ’)');
  if (s.includes('"')) errors.push('straight quotes (use « »)');
  for (const m of s.matchAll(/«/g)) if (s[m.index + 1] !== NNBSP) errors.push(`no narrow no-break space after « at ${m.index}`);
  for (const m of s.matchAll(/»/g)) if (s[m.index - 1] !== NNBSP) errors.push(`no narrow no-break space before » at ${m.index}`);
  return errors;
}
