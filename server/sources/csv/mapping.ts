/** Header row + mapping matrix -> which cell feeds which contract field; a row -> a ReceivedRecord. */
import type { contractField } from '../../../contract/fields.ts';
import type { ReceivedRecord } from '../../core/types.ts';
import { SourceError } from '../errors.ts';
import { normalizeHeader, parseMappingKey, type CsvRow } from './header.ts';

export interface ColumnPlan {
  /** The `raw` key of each column: its header, `Header#2` for a repeat, `colonne N` when unnamed. */
  rawKeys: string[];
  /** Cells a well-formed row has (trailing unnamed header cells do not count). */
  width: number;
  columns: { index: number; field: contractField }[];
  /** Every raw key set to '': cloning it gives each row's object one shared shape (~5x faster on 100k rows than adding keys one by one). */
  rawTemplate: Record<string, string>;
  /** The same for the mapped fields, in mapping order: a row that has every mapped column clones it. */
  fieldsTemplate: ReceivedRecord['fields'];
  /** Cells a row needs for every mapped column to be there. */
  mappedWidth: number;
}

export function planColumns(
  headerCells: readonly string[],
  mapping: Readonly<Record<string, contractField>>,
  headerLine: number,
): ColumnPlan {
  const names = headerCells.map(normalizeHeader);
  // Exports often end every line with the delimiter: the header's trailing empty cells are not columns.
  let width = names.length;
  while (width > 0 && names[width - 1] === '') width--;

  const positions = new Map<string, number[]>();
  const rawKeys: string[] = [];
  for (let i = 0; i < width; i++) {
    const name = names[i];
    const list = positions.get(name) ?? [];
    list.push(i);
    positions.set(name, list);
    if (name === '') rawKeys.push(`colonne ${i + 1}`);
    else rawKeys.push(list.length === 1 ? name : `${name}#${list.length}`);
  }

  const columns: ColumnPlan['columns'] = [];
  const missing: string[] = [];
  for (const [key, field] of Object.entries(mapping)) {
    const literal = positions.get(normalizeHeader(key));
    if (literal) {
      columns.push({ index: literal[0], field });
      continue;
    }
    const { base, occurrence } = parseMappingKey(key);
    const index = positions.get(base)?.[occurrence - 1];
    if (index === undefined) missing.push(key);
    else columns.push({ index, field });
  }
  if (missing.length > 0) {
    const found = rawKeys.filter((k) => !k.startsWith('colonne ')).map((k) => `"${k}"`);
    const shown = found.length > 40 ? [...found.slice(0, 40), '…'] : found;
    throw new SourceError(
      `${missing.length === 1 ? 'Colonne absente' : 'Colonnes absentes'} du fichier : ${missing.map((k) => `"${k}"`).join(', ')} ` +
        `(en-tête ligne ${headerLine}). Colonnes présentes : ${shown.join(', ') || 'aucune'}. ` +
        `Le nom des colonnes de l’export ne doit pas changer : corrigez l’export ou la matrice de correspondance.`,
    );
  }
  // Built by fromEntries: an object grown key by key can fall into V8's slow dictionary mode, and so would its clones.
  const rawTemplate = Object.fromEntries(rawKeys.map((k) => [k, '']));
  const fieldsTemplate: ReceivedRecord['fields'] = Object.fromEntries(columns.map((c) => [c.field, '']));
  const mappedWidth = Math.max(0, ...columns.map((c) => c.index + 1));
  return { rawKeys, width, columns, rawTemplate, fieldsTemplate, mappedWidth };
}

function plural(n: number): string {
  return `${n} ${n > 1 ? 'colonnes' : 'colonne'}`;
}

/** A well-formed row has the header's width; extra cells are tolerated when empty (a trailing delimiter loses nothing). */
export function fitsWidth(cells: readonly string[], width: number): boolean {
  const n = cells.length;
  if (n < width) return false;
  for (let i = width; i < n; i++) if (cells[i].trim() !== '') return false;
  return true;
}

/**
 * The file's last row, cut: no line terminator after it and fewer cells than the header, or a
 * quote still open at the end of the file. A file whose last row is complete but merely lacks
 * the final line break is not cut.
 */
export function isCutRow(row: CsvRow, plan: ColumnPlan): boolean {
  return row.unterminated === true && (row.cells.length < plan.width || row.openQuoteAtEnd === true);
}

/** Why a row cannot be trusted, or undefined when it reads fine. `checkEncoding`: some bytes were not valid UTF-8. */
export function rowProblem(row: CsvRow, plan: ColumnPlan, checkEncoding: boolean): string | undefined {
  const fits = fitsWidth(row.cells, plan.width);
  const cut = isCutRow(row, plan);
  const unreadable = checkEncoding && row.replacement === true;
  if (fits && !cut && !unreadable && row.error === undefined) return undefined;
  const problems: string[] = [];
  if (cut) problems.push(`ligne ${row.line} coupée : le fichier s’arrête au milieu de cette ligne, export tronqué`);
  if (!fits) problems.push(`${plural(row.cells.length)} au lieu de ${plan.width}`);
  if (row.error) problems.push(row.error);
  if (unreadable) problems.push('encodage illisible (octets invalides en UTF-8)');
  // Bare detail: the core wraps it ("Ligne illisible (…) : vérifiez l'export") and the record carries its line.
  return problems.join('\u202f; ');
}

export function rowToRecord(row: CsvRow, index: number, plan: ColumnPlan, checkEncoding: boolean): ReceivedRecord {
  const cells = row.cells;
  const raw: Record<string, string> = { ...plan.rawTemplate };
  const keys = plan.rawKeys;
  for (let i = 0; i < cells.length; i++) raw[i < keys.length ? keys[i] : `colonne ${i + 1}`] = cells[i];
  const full = cells.length >= plan.mappedWidth;
  const fields: ReceivedRecord['fields'] = full ? { ...plan.fieldsTemplate } : {};
  for (const { index: col, field } of plan.columns) {
    // A short row still gives what it has: the core then names every field that is missing.
    if (full || col < cells.length) fields[field] = cells[col];
  }
  const record: ReceivedRecord = { index, raw, fields, line: row.line };
  const problem = rowProblem(row, plan, checkEncoding);
  if (problem !== undefined) record.malformed = problem;
  return record;
}
