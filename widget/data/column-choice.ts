/**
 * Which columns of a table the admin chose to see, remembered per browser (localStorage, one key
 * per table), and whether the chooser is open. The learner column is always shown. A browser
 * refusing storage (private mode, a policy) still lets the admin choose, for this page only.
 */
import type { ReactiveControllerHost } from 'lit';
import type { TableName } from './contract-table.ts';

/** The storage key of a table's hidden columns. */
export function columnsKey(table: TableName): string {
  return `erp-sync:columns:${table}`;
}

function readHidden(key: string): Set<string> {
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    return new Set(Array.isArray(saved) ? saved.filter((id): id is string => typeof id === 'string') : []);
  } catch {
    return new Set();
  }
}

export class ColumnChoice {
  /** The chooser's checkboxes are shown. */
  open = false;
  private hiddenIds: Set<string>;
  private readonly host: ReactiveControllerHost;
  private readonly key: string;

  constructor(host: ReactiveControllerHost, table: TableName) {
    this.host = host;
    this.key = columnsKey(table);
    this.hiddenIds = readHidden(this.key);
  }

  get hidden(): ReadonlySet<string> {
    return this.hiddenIds;
  }

  show(id: string, visible: boolean): void {
    const next = new Set(this.hiddenIds);
    if (visible) next.delete(id);
    else next.add(id);
    this.hiddenIds = next;
    try {
      localStorage.setItem(this.key, JSON.stringify([...next]));
    } catch {
      // Not remembered (storage refused): the choice holds for this page.
    }
    this.host.requestUpdate();
  }

  toggle(open: boolean): void {
    this.open = open;
    this.host.requestUpdate();
  }
}
