/** Turns a record as received into the one shape the rest of the pipeline reasons about. */
import type { contractField, contractRecord } from '../../contract/index.ts';
import type { ReceivedRecord } from './types.ts';
import { parseDate } from './dates.ts';
import { type Interner, noInterner } from './interner.ts';

export interface Normalised {
  record: contractRecord;
  /** Date fields that were given but could not be read (their raw text is kept in `record`). */
  badDates: contractField[];
}

/**
 * Whether trim() would leave `c` at an end of a string: printable ASCII and Latin-1 past NBSP
 * up to U+167F hold no white space or line terminator (ECMAScript's list starts again at U+1680).
 */
function keptByTrim(c: number): boolean {
  return (c > 0x20 && c < 0x7f) || (c > 0xa0 && c < 0x1680);
}

// Typed as string, but push and pull bodies are arbitrary JSON: be liberal in what is read.
function asText(v: unknown): string {
  if (typeof v === 'string') {
    // Most values are already clean: two character reads instead of a call to trim().
    const n = v.length;
    if (n === 0 || (keptByTrim(v.charCodeAt(0)) && keptByTrim(v.charCodeAt(n - 1)))) return v;
    return v.trim();
  }
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  // Kept visible rather than dropped, so validation names the odd value instead of "missing".
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return String(v);
  }
}

function email(v: unknown): string {
  return asText(v).toLowerCase();
}

function siret(v: unknown): string {
  return asText(v).replace(/\s+/g, '');
}

/** An unreadable date is kept verbatim (the admin must see what the ERP sent) and reported. */
function date(v: unknown, field: contractField, order: 'dmy' | 'mdy', badDates: contractField[]): string {
  const text = asText(v);
  if (text === '') return text;
  const d = parseDate(text, order);
  if (d !== null) return d;
  badDates.push(field);
  return text;
}

/** `shared` gives repeated values one string object (see interner.ts); unique ones (codes, emails of people) skip it. */
export function normalise(rec: ReceivedRecord, order: 'dmy' | 'mdy', shared: Interner = noInterner): Normalised {
  const src = (rec.fields ?? {}) as Partial<Record<contractField, unknown>>;
  const badDates: contractField[] = [];
  // Spelled out as one literal with named reads on purpose: V8 gives the result a fixed shape
  // and each read its own inline cache, where a loop over the field names builds a dictionary
  // object through megamorphic keyed accesses, several times slower at 100,000 records.
  // The contractRecord type makes a forgotten field a compile error.
  const record: contractRecord = {
    codeContrat: asText(src.codeContrat),
    dateDebut: shared(date(src.dateDebut, 'dateDebut', order, badDates)),
    dateFin: shared(date(src.dateFin, 'dateFin', order, badDates)),
    nomEntreprise: shared(asText(src.nomEntreprise)),
    siretEntreprise: shared(siret(src.siretEntreprise)),
    codeGroupe: shared(asText(src.codeGroupe)),
    nomGroupe: shared(asText(src.nomGroupe)),
    codeSite: shared(asText(src.codeSite)),
    nomSite: shared(asText(src.nomSite)),
    codeMarque: shared(asText(src.codeMarque)),
    nomMarque: shared(asText(src.nomMarque)),
    codePeriode: shared(asText(src.codePeriode)),
    nomPeriode: shared(asText(src.nomPeriode)),
    codeAnnee: shared(asText(src.codeAnnee)),
    nomAnnee: shared(asText(src.nomAnnee)),
    codeFormation: shared(asText(src.codeFormation)),
    nomFormation: shared(asText(src.nomFormation)),
    codeApprenant: asText(src.codeApprenant),
    nomApprenant: shared(asText(src.nomApprenant)),
    prenomApprenant: shared(asText(src.prenomApprenant)),
    emailApprenant: email(src.emailApprenant),
    codePersonnel: shared(asText(src.codePersonnel)),
    nomPersonnel: shared(asText(src.nomPersonnel)),
    prenomPersonnel: shared(asText(src.prenomPersonnel)),
    emailPersonnel: shared(email(src.emailPersonnel)),
    codeMaitreApprentissage: asText(src.codeMaitreApprentissage),
    nomMaitreApprentissage: shared(asText(src.nomMaitreApprentissage)),
    prenomMaitreApprentissage: shared(asText(src.prenomMaitreApprentissage)),
    emailMaitreApprentissage: email(src.emailMaitreApprentissage),
    missionTitle: shared(asText(src.missionTitle)),
    missionDetails: shared(asText(src.missionDetails)),
    monthStartGroup: shared(asText(src.monthStartGroup)),
    rncp: shared(asText(src.rncp)),
    dateResiliation: shared(date(src.dateResiliation, 'dateResiliation', order, badDates)),
  };
  return { record, badDates };
}
