/**
 * What the Données live region says once the list a user action asked for has arrived: a page
 * ("Contrats intégrés : 51–100 sur 270"), a reason filter ("10 non intégrés avec le motif
 * « Entreprise manquante »"), a search in both tables ("12 contrats intégrés et 3 non intégrés
 * pour « helene »"). The action says what it expects; the lists' arrival says it, once.
 */
import { TaskStatus } from '@lit/task';
import type { contractList } from '../../contract/api.ts';
import type { reasonCode } from '../../contract/reasons.ts';
import type { Localizer } from '../shared/i18n/localize.ts';
import type { ContractTable, TableName } from './contract-table.ts';

/** What the next list(s) to arrive should say, by the user action that asked for them. */
export type Expected = { kind: 'results' } | { kind: 'reason' } | { kind: 'page'; table: TableName };

export interface ListAnnouncementsOptions {
  tables: () => Record<TableName, ContractTable>;
  /** The current search and reason filter, and the words to say them in. */
  state: () => { query: string; reason: reasonCode | null; loc: Localizer };
  say: (text: string) => void;
}

export class ListAnnouncements {
  private expected: Expected | null = null;
  private readonly options: ListAnnouncementsOptions;

  constructor(options: ListAnnouncementsOptions) {
    this.options = options;
  }

  expect(expected: Expected): void {
    this.expected = expected;
  }

  /** A table's list arrived (its task's onComplete). */
  arrived(name: TableName, list: contractList): void {
    const text = this.expected && this.textFor(this.expected, name, list);
    if (!text) return;
    this.options.say(text);
    this.expected = null;
  }

  private textFor(expected: Expected, name: TableName, list: contractList): string | null {
    const { query, reason, loc } = this.options.state();
    const t = loc.t;
    if (expected.kind === 'page') {
      if (expected.table !== name) return null;
      const caption = name === 'integrated' ? t.integratedCaption : t.rejectedCaption;
      return t.pageAnnounce(caption, loc.range(list.offset, list.items.length, list.total));
    }
    if (expected.kind === 'reason') {
      if (name !== 'rejected') return null;
      return t.reasonAnnounce(loc.count(list.total, t.rejectedContracts), reason ? loc.reasonLabel(reason) : '');
    }
    // Both tables follow a search: said once the other one is in too (onComplete runs before this
    // task's own status turns COMPLETE, so only the other's status is checked).
    const other = this.options.tables()[name === 'integrated' ? 'rejected' : 'integrated'].task;
    if (other.status !== TaskStatus.COMPLETE || !other.value) return null;
    const integrated = name === 'integrated' ? list.total : other.value.total;
    const rejected = name === 'rejected' ? list.total : other.value.total;
    return t.resultsAnnounce(loc.count(integrated, t.integratedContracts), loc.count(rejected, t.rejectedContracts), query);
  }
}
