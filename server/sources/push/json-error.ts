/**
 * Where a JSON text goes wrong. Node 20's JSON.parse gives a position for some errors only
 * ("Unexpected token '}', ... is not valid JSON" has none), and an ERP developer fixing a
 * 20 MB export needs a line and column, so on failure the text is scanned once more here.
 */

const WS = new Set([' ', '\t', '\n', '\r']);

/** Offset of the first syntax error, or `text.length` for an early end. Only called on invalid JSON. */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const n = text.length;
  const skip = () => {
    while (i < n && WS.has(text[i])) i++;
  };

  function string(): boolean {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i++;
            return false;
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else {
          i++;
          return false;
        }
      } else i++;
    }
    return false;
  }

  function value(depth: number): boolean {
    skip();
    if (i >= n || depth > 5000) return false;
    const c = text[i];
    if (c === '"') return string();
    if (c === '{') {
      i++;
      skip();
      if (text[i] === '}') {
        i++;
        return true;
      }
      for (;;) {
        skip();
        if (text[i] !== '"' || !string()) return false;
        skip();
        if (text[i] !== ':') return false;
        i++;
        if (!value(depth + 1)) return false;
        skip();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return true;
        } else return false;
      }
    }
    if (c === '[') {
      i++;
      skip();
      if (text[i] === ']') {
        i++;
        return true;
      }
      for (;;) {
        if (!value(depth + 1)) return false;
        skip();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return true;
        } else return false;
      }
    }
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) return false;
    i += m[0].length;
    return true;
  }

  if (value(0)) {
    skip();
    if (i >= n) return n; // valid after all (should not happen): point at the end
  }
  return Math.min(i, n);
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
