/**
 * Reads a `;` CSV back the way Excel does (quoted cells may hold `;`, `""` and line breaks; rows
 * end with CRLF). Deliberately naive and independent of the product's CSV code: an oracle.
 */
import assert from 'node:assert/strict';

export function parseExcelCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  assert.equal(cell, '', 'the file ends with CRLF');
  return rows;
}
