/**
 * Rows read against the header: rows before the header are held until it is read, the column
 * plan is made from it, and every later row is handed on with that plan. Both passes over a
 * file (the scan and the read) go through this, so they agree on every row.
 */
import { dateFields, type contractField } from '../../../contract/fields.ts';
import { findHeaderRow, isBlankRow, type CsvRow, type MappingKey } from './header.ts';
import { fitsWidth, planColumns, type ColumnPlan } from './mapping.ts';

/** The physical lines the header row runs over (more than one when a quoted header cell holds a line break). */
export interface HeaderLines {
  line: number;
  endLine: number;
}

export class CsvTable {
  plan: ColumnPlan | undefined;
  private pending: CsvRow[] = [];

  constructor(
    private readonly mapping: Readonly<Record<string, contractField>>,
    private readonly keys: readonly MappingKey[],
    private readonly header: HeaderLines,
    private readonly onData: (row: CsvRow, plan: ColumnPlan) => void,
    private readonly onPlan: (plan: ColumnPlan) => void = () => undefined,
  ) {}

  /**
   * Which rows a stray quote may have garbled: a data row of the wrong width, or a preamble
   * row running into the header. The header row itself defines the width, so it is believed,
   * over exactly the lines it was found on.
   */
  readonly fits = (cells: readonly string[], startLine: number, endLine: number): boolean => {
    if (this.plan) return fitsWidth(cells, this.plan.width);
    const { line, endLine: headerEnd } = this.header;
    if (headerEnd > line && startLine <= headerEnd && endLine >= line) return startLine === line && endLine === headerEnd;
    return startLine >= line || endLine < line;
  };

  /** See ParseCsvOptions.minCells: once the plan is made, `fits` wants the header's width. */
  readonly minCells = (): number => this.plan?.width ?? 0;

  readonly onRow = (row: CsvRow): void => {
    if (this.plan) {
      this.consume(row, this.plan);
      return;
    }
    // Rows are held only until the header is read, so a 100k-row file is not held at all.
    this.pending.push(row);
    if (row.line >= this.header.line) this.decide();
  };

  /** The plan, once every row was read (a file that ends before its header fails here). */
  finish(): ColumnPlan {
    return this.plan ?? this.decide();
  }

  private consume(row: CsvRow, plan: ColumnPlan): void {
    if (isBlankRow(row.cells) && !row.error) return;
    this.onData(row, plan);
  }

  private decide(): ColumnPlan {
    const pending = this.pending;
    const headerIndex = findHeaderRow(pending, this.keys, this.header.line);
    const header = pending[headerIndex];
    const plan = planColumns(header.cells, this.mapping, header.line);
    this.plan = plan;
    this.pending = [];
    this.onPlan(plan);
    for (let i = headerIndex + 1; i < pending.length; i++) this.consume(pending[i], plan);
    return plan;
  }
}

/** The column each mapped date field is read from (the last mapping wins, as for any field). */
export function dateColumns(plan: ColumnPlan): { field: contractField; index: number }[] {
  const byField = new Map<contractField, number>();
  for (const { index, field } of plan.columns) if (dateFields.includes(field)) byField.set(field, index);
  return [...byField].map(([field, index]) => ({ field, index }));
}
