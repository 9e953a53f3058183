/** Finding the header row, past preamble lines such as "Export Ypareo du 27/11/2026". */
import { SourceError } from '../errors.ts';

export interface CsvRow {
  cells: string[];
  /** 1-based physical line where the row starts. */
  line: number;
  /** A parser complaint about this row (unterminated quote...). */
  error?: string;
  /** Line breaks inside its quoted cells: the row ends on line `line + span`. */
  span?: number;
  /** The text ended inside this row: no line terminator after it (the file's last row). */
  unterminated?: true;
  /** A quote opened in this row was still open at the end of the file. */
  openQuoteAtEnd?: true;
  /** The row holds U+FFFD: bytes that were not valid UTF-8 (only looked for when some were not). */
  replacement?: true;
}

/**
 * Header cells are compared after dropping surrounding spaces and a stray BOM, and with a line
 * break inside a quoted header cell ("Nom\r\napprenant", wrapped by a spreadsheet) read as one
 * space; otherwise exactly.
 */
export function normalizeHeader(cell: string): string {
  return cell
    .replace(/^\uFEFF/, '')
    .replace(/[ \t]*(?:\r\n|\r|\n)[ \t]*/g, ' ')
    .trim();
}

export interface MappingKey {
  key: string;
  base: string;
  /** 1-based occurrence of `base` among the header cells. */
  occurrence: number;
}

export function parseMappingKey(key: string): MappingKey {
  const m = /^(.*)#(\d+)$/.exec(key);
  if (m && Number(m[2]) >= 1) return { key, base: normalizeHeader(m[1]), occurrence: Number(m[2]) };
  return { key, base: normalizeHeader(key), occurrence: 1 };
}

export function isBlankRow(cells: readonly string[]): boolean {
  for (const c of cells) if (c.trim() !== '') return false;
  return true;
}

/** How many rows may precede the header: enough for any preamble, few enough to stay cheap. */
export const HEADER_SEARCH_ROWS = 20;

/** What a header search needs of the mapping: every name a header cell may carry. */
export function wantedHeaders(keys: readonly MappingKey[]): Set<string> {
  const wanted = new Set(keys.map((k) => k.base));
  // A header that literally contains '#' ("N° #1") must also be recognised.
  for (const k of keys) wanted.add(normalizeHeader(k.key));
  return wanted;
}

/** How many mapped columns a row names. */
export function headerScore(row: CsvRow, wanted: ReadonlySet<string>): number {
  const seen = new Set<string>();
  for (const cell of row.cells) {
    const h = normalizeHeader(cell);
    if (wanted.has(h)) seen.add(h);
  }
  return seen.size;
}

/** Index of the first of the first rows naming the most mapped columns (-1: none names any), and that count. */
export function bestHeaderRow(rows: readonly CsvRow[], wanted: ReadonlySet<string>): { index: number; score: number } {
  let index = -1;
  let score = 0;
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) {
    const s = headerScore(rows[i], wanted);
    if (s > score) {
      score = s;
      index = i;
    }
  }
  return { index, score };
}

/**
 * Index (in `rows`) of the header row: the configured line, or the first of the first rows
 * whose cells name the most mapped columns.
 */
export function findHeaderRow(rows: readonly CsvRow[], keys: readonly MappingKey[], headerLine?: number): number {
  if (headerLine !== undefined) {
    const index = rows.findIndex((r) => r.line === headerLine);
    if (index < 0 || isBlankRow(rows[index].cells)) {
      throw new SourceError(`Ligne d’en-tête ${headerLine} introuvable ou vide dans le fichier (headerRow configuré).`);
    }
    return index;
  }
  const { index } = bestHeaderRow(rows, wantedHeaders(keys));
  if (index < 0) {
    const names = keys.map((k) => `"${k.key}"`).join(', ');
    throw new SourceError(
      rows.length === 0
        ? 'Le fichier est vide : aucune ligne à lire.'
        : `Aucune ligne d’en-tête reconnue dans les ${HEADER_SEARCH_ROWS} premières lignes : aucune des colonnes attendues (${names}) n’y figure. Vérifiez le séparateur, l’encodage ou la matrice de correspondance.`,
    );
  }
  return index;
}
