/** Delimiter detection: the candidate whose per-line cell count is the most consistent. */
import { parseCsv } from './parse.ts';

export type CsvDelimiter = ';' | ',' | '\t' | '|';
export type CsvDelimiterOption = 'auto' | CsvDelimiter;

/** In order of preference on a tie: French exports use ';' far more than anything else. */
export const delimiterCandidates: readonly CsvDelimiter[] = [';', ',', '\t', '|'];

/** How much text the guess reads: the start of the file, where the header is. */
export const SAMPLE_CHARS = 64 * 1024;
const SAMPLE_ROWS = 30;

export function detectDelimiter(text: string): CsvDelimiter {
  const truncated = text.length > SAMPLE_CHARS;
  const sample = truncated ? text.slice(0, SAMPLE_CHARS) : text;
  let best: { delimiter: CsvDelimiter; lines: number; cells: number } | null = null;

  for (const delimiter of delimiterCandidates) {
    // Parsing (rather than counting characters) keeps quoted delimiters and newlines out of the count.
    const rows: string[][] = [];
    parseCsv(sample, delimiter, (row) => {
      if (!(row.cells.length === 1 && row.cells[0].trim() === '')) rows.push(row.cells);
      return rows.length < SAMPLE_ROWS;
    });
    // The sample may cut the last row in the middle.
    if (truncated && rows.length > 1 && rows.length < SAMPLE_ROWS) rows.pop();

    // Preamble lines ("Export du ...") have their own count: the mode, not the minimum, is the table's width.
    const frequency = new Map<number, number>();
    for (const row of rows) {
      if (row.length > 1) frequency.set(row.length, (frequency.get(row.length) ?? 0) + 1);
    }
    for (const [cells, lines] of frequency) {
      if (!best || lines > best.lines || (lines === best.lines && cells > best.cells)) {
        best = { delimiter, lines, cells };
      }
    }
  }
  return best?.delimiter ?? ';';
}
