/**
 * Sortable, filterable columns of a contract or rejection row. SQLite stores them as real
 * columns (same names); the memory store keeps them next to each row. One definition so that
 * both stores order rows identically.
 */
import type { contractRecord, contractSort } from '../../../contract/index.ts';
import { foldFast as fold } from './fold.ts';

export interface SortColumns {
  code: string;
  since: string;
  nom_f: string;
  prenom_f: string;
  formation_f: string;
  company_f: string;
  group_f: string;
  site_f: string;
  date_debut: string;
  date_fin: string;
  /** Raw formation code and name: the `formation` filter matches either exactly. */
  f_code: string;
  f_name: string;
}

/** The sort columns a SQL store keeps as real columns, in this order (code and since are columns already). */
export const STORED_SORT_COLUMNS = [
  'nom_f',
  'prenom_f',
  'formation_f',
  'company_f',
  'group_f',
  'site_f',
  'date_debut',
  'date_fin',
  'f_code',
  'f_name',
] as const satisfies readonly Exclude<keyof SortColumns, 'code' | 'since'>[];

export function sortColumns(code: string, since: string, d: contractRecord): SortColumns {
  return {
    code,
    since,
    nom_f: fold(d.nomApprenant),
    prenom_f: fold(d.prenomApprenant),
    formation_f: fold(d.nomFormation),
    company_f: fold(d.nomEntreprise),
    group_f: fold(d.nomGroupe),
    site_f: fold(d.nomSite),
    date_debut: d.dateDebut,
    date_fin: d.dateFin,
    f_code: d.codeFormation,
    f_name: d.nomFormation,
  };
}

type SortKey = Exclude<keyof SortColumns, 'f_code' | 'f_name'>;

const KEYS: Record<contractSort, SortKey[]> = {
  learner: ['nom_f', 'prenom_f'],
  formation: ['formation_f'],
  company: ['company_f'],
  group: ['group_f'],
  site: ['site_f'],
  code: ['code'],
  since: ['since'],
  dateDebut: ['date_debut'],
  dateFin: ['date_fin'],
};

export interface OrderTerm {
  column: SortKey;
  desc: boolean;
}

/**
 * The ORDER BY terms: the sort's keys in the requested direction, then the code ascending as
 * the tie-break (codes are unique per org, so paging is stable). Default: learner ascending.
 */
export function orderTerms(sort: contractSort | undefined, order: 'asc' | 'desc' | undefined): OrderTerm[] {
  const desc = order === 'desc';
  const s = sort ?? 'learner';
  const terms: OrderTerm[] = KEYS[s].map((column) => ({ column, desc }));
  if (s !== 'code') terms.push({ column: 'code', desc: false });
  return terms;
}

/** Binary comparison, like SQLite's default collation on UTF-8 text (code point order). */
export function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // JS compares UTF-16 units; moving surrogates above U+E000..U+FFFF gives code point order.
    if (x >= 0xd800) x += x >= 0xe000 ? -0x800 : 0x2000;
    if (y >= 0xd800) y += y >= 0xe000 ? -0x800 : 0x2000;
    return x - y;
  }
  return a.length - b.length;
}

export function compareBy(terms: readonly OrderTerm[]): (a: SortColumns, b: SortColumns) => number {
  return (a, b) => {
    for (const t of terms) {
      const c = compareText(a[t.column], b[t.column]);
      if (c !== 0) return t.desc ? -c : c;
    }
    return 0;
  };
}
