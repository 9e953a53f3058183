/**
 * The words of the contract in one language: field labels, reason labels and reason sentences.
 * One module per language (fr.ts, en.ts) implements `Wording`, so a page can load only the
 * language it shows (the widgets load English on demand); languages.ts gathers them for the
 * server, which answers in either.
 */
import type { contractField } from '../fields.ts';
import type { conflictParty, reason, reasonCode } from '../reasons.ts';

/**
 * A reason's sentence from its field, offending value, detail, the field's label and, for a
 * conflict, the other people concerned. Sentences say what to fix in words first, the ERP field
 * name in parentheses for the ERP operator; dates as dd/mm/yyyy (see `dayOf`).
 */
export type ReasonTemplate = (r: {
  field: string;
  value: string;
  detail?: string;
  label: string;
  others?: readonly conflictParty[];
  more?: number;
}) => string;

/** Every ISO day (YYYY-MM-DD) in a text as dd/mm/yyyy: messages never show ISO dates. */
export function dayOf(text: string): string {
  return text.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, '$3/$2/$1');
}

export interface Wording {
  /** Human labels of each field, for tables, history and CSV exports. */
  fieldLabels: Record<contractField, string>;
  /** Short label of a reason code, for filter chips ("Entreprise manquante · 25"). */
  reasonLabels: Record<reasonCode, string>;
  /** The sentence shown to an administrator, naming the ERP field to fix. */
  reasonTemplates: Record<reasonCode, ReasonTemplate>;
}

/** A field's label in this wording; a name that is no contract field (a CSV column) as is. */
export function fieldLabelIn(wording: Pick<Wording, 'fieldLabels'>, field: string): string {
  return (wording.fieldLabels as Record<string, string | undefined>)[field] ?? field;
}

/** A reason's sentence in this wording. */
export function reasonSentence(wording: Wording, r: reason): string {
  return wording.reasonTemplates[r.code]({ ...r, label: fieldLabelIn(wording, r.field) });
}
