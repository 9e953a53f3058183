/**
 * The string literals of a TypeScript source ('…', "…", `…` without their ${…} parts), found by
 * a small scanner that skips comments and regular expressions well enough for this codebase:
 * what the French-typography test reads in the server's messages.
 */
export interface Literal {
  /** The text between the quotes (template parts joined by a space). */
  text: string;
  line: number;
  /** Offsets of the content in the source (for tools that rewrite it). */
  start: number;
  end: number;
}

export function stringLiterals(src: string): Literal[] {
  const out: Literal[] = [];
  let i = 0;
  let line = 1;
  const n = src.length;
  // Regex literals start where an operand cannot end: after ( , = : [ ! & | ? { } ; or a line start.
  const canStartRegex = (k: number) => {
    let j = k - 1;
    while (j >= 0 && (src[j] === ' ' || src[j] === '\t')) j--;
    return j < 0 || '(,=:[!&|?{};\n'.includes(src[j]) || src.slice(Math.max(0, j - 5), j + 1).endsWith('return');
  };
  while (i < n) {
    const c = src[i];
    if (c === '\n') {
      line++;
      i++;
    } else if (c === '/' && src[i + 1] === '/') {
      while (i < n && src[i] !== '\n') i++;
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      for (let k = i; k < stop; k++) if (src[k] === '\n') line++;
      i = stop;
    } else if (c === '/' && canStartRegex(i)) {
      i++;
      let inClass = false;
      while (i < n && src[i] !== '\n') {
        if (src[i] === '\\') i += 2;
        else if (src[i] === '[') {
          inClass = true;
          i++;
        } else if (src[i] === ']') {
          inClass = false;
          i++;
        } else if (src[i] === '/' && !inClass) break;
        else i++;
      }
      i++;
    } else if (c === "'" || c === '"') {
      const start = i + 1;
      i++;
      while (i < n && src[i] !== c && src[i] !== '\n') i += src[i] === '\\' ? 2 : 1;
      out.push({ text: src.slice(start, i), line, start, end: i });
      i++;
    } else if (c === '`') {
      const startLine = line;
      const start = i + 1;
      let text = '';
      let depth = 0;
      i++;
      while (i < n) {
        if (depth === 0 && src[i] === '`') break;
        if (src[i] === '\\') {
          if (depth === 0) text += src.slice(i, i + 2);
          i += 2;
          continue;
        }
        if (src[i] === '\n') line++;
        if (depth === 0 && src[i] === '$' && src[i + 1] === '{') {
          depth = 1;
          text += ' ';
          i += 2;
          continue;
        }
        if (depth > 0) {
          if (src[i] === '{') depth++;
          else if (src[i] === '}') depth--;
          i++;
          continue;
        }
        text += src[i];
        i++;
      }
      out.push({ text, line: startLine, start, end: i });
      i++;
    } else {
      i++;
    }
  }
  return out;
}

/** A literal written in French: accented letters or French words an English sentence does not hold. */
export function isFrench(text: string): boolean {
  return /[éèêàâçùûôîœ«»]|\b(l'|d'|n'|qu'|est|une|les|des|du|dans|pour|avec|sur|pas)\b/i.test(text) && /\s/.test(text);
}

/** French typography faults: a straight apostrophe in a word, a plain space before : ; ! ? », or after «. */
export function typographyFaults(text: string): string[] {
  const faults: string[] = [];
  if (/\p{L}'\p{L}/u.test(text)) faults.push('straight apostrophe');
  if (/ [:;!?»]/.test(text.replace(/https?:\/\/\S+/g, ''))) faults.push('plain space before : ; ! ? »');
  if (/« /.test(text)) faults.push('plain space after «');
  return faults;
}
