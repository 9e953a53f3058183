/**
 * RFC 4180 rows with the physical line each starts on. Hand-written rather than papaparse
 * (measured on par with it here, ~1 s for 100k rows x 30 columns) because papaparse picks one
 * newline style per file, and exports appended to by another tool mix CRLF and LF; and the
 * line of each row (for reports) comes for free instead of a second scan.
 */
import type { CsvRow } from './header.ts';

const QUOTE = 34;
const LF = 10;
const CR = 13;

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * Calls `onRow` for each row, in order; `onRow` returns false to stop early (sampling).
 * Lenient like spreadsheet tools: a quote inside an unquoted field is kept as text; a field
 * that continues after its closing quote, or a quote never closed, is kept and reported.
 */
export function parseCsv(text: string, delimiter: string, onRow: (row: CsvRow) => boolean | void): void {
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const rowLine = line;
    const cells: string[] = [];
    let error: string | undefined;
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        let j = i + 1;
        value = '';
        for (;;) {
          const q = text.indexOf('"', j);
          if (q === -1) {
            value += text.slice(j);
            line += countNewlines(text, j, n);
            error = 'guillemet non fermé';
            i = n;
            break;
          }
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(j, q + 1);
            j = q + 2;
            continue;
          }
          value += text.slice(j, q);
          line += countNewlines(text, j, q);
          i = q + 1;
          break;
        }
        if (i < n) {
          const c = text.charCodeAt(i);
          if (c !== d && c !== LF && c !== CR) {
            let e = i;
            while (e < n && (text.charCodeAt(e) !== d && text.charCodeAt(e) !== LF && text.charCodeAt(e) !== CR)) e++;
            value += text.slice(i, e);
            error ??= 'guillemets mal placés';
            i = e;
          }
        }
      } else {
        let e = i;
        for (; e < n; e++) {
          const c = text.charCodeAt(e);
          if (c === d || c === LF || c === CR) break;
        }
        value = text.slice(i, e);
        i = e;
      }
      cells.push(value);
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === d) {
        i++;
        // "a;b;" at the very end still has a third, empty, cell.
        if (i >= n) {
          cells.push('');
          break;
        }
        continue;
      }
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      break;
    }
    const row: CsvRow = { cells, line: rowLine };
    if (error !== undefined) row.error = error;
    if (onRow(row) === false) return;
  }
}
