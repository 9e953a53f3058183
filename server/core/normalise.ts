/** Turns a record as received into the one shape the rest of the pipeline reasons about. */
import type { contractField, contractRecord } from '../../contract/index.ts';
import type { ReceivedRecord } from './types.ts';
import { parseDate } from './dates.ts';
import type { Interner } from './interner.ts';

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

/**
 * The record the pipeline reasons about. Its values are the received ones (trimmed, dates in
 * ISO): a record kept until the run writes goes through shareValues afterwards.
 */
export function normalise(rec: ReceivedRecord, order: 'dmy' | 'mdy'): Normalised {
  const src = (rec.fields ?? {}) as Partial<Record<contractField, unknown>>;
  const badDates: contractField[] = [];
  // Spelled out as one literal with named reads on purpose: V8 gives the result a fixed shape
  // and each read its own inline cache, where a loop over the field names builds a dictionary
  // object through megamorphic keyed accesses, several times slower at 100,000 records.
  // The contractRecord type makes a forgotten field a compile error.
  const record: contractRecord = {
    codeContrat: asText(src.codeContrat),
    dateDebut: date(src.dateDebut, 'dateDebut', order, badDates),
    dateFin: date(src.dateFin, 'dateFin', order, badDates),
    nomEntreprise: asText(src.nomEntreprise),
    siretEntreprise: siret(src.siretEntreprise),
    codeGroupe: asText(src.codeGroupe),
    nomGroupe: asText(src.nomGroupe),
    codeSite: asText(src.codeSite),
    nomSite: asText(src.nomSite),
    codeMarque: asText(src.codeMarque),
    nomMarque: asText(src.nomMarque),
    codePeriode: asText(src.codePeriode),
    nomPeriode: asText(src.nomPeriode),
    codeAnnee: asText(src.codeAnnee),
    nomAnnee: asText(src.nomAnnee),
    codeFormation: asText(src.codeFormation),
    nomFormation: asText(src.nomFormation),
    codeApprenant: asText(src.codeApprenant),
    nomApprenant: asText(src.nomApprenant),
    prenomApprenant: asText(src.prenomApprenant),
    emailApprenant: email(src.emailApprenant),
    codePersonnel: asText(src.codePersonnel),
    nomPersonnel: asText(src.nomPersonnel),
    prenomPersonnel: asText(src.prenomPersonnel),
    emailPersonnel: email(src.emailPersonnel),
    codeMaitreApprentissage: asText(src.codeMaitreApprentissage),
    nomMaitreApprentissage: asText(src.nomMaitreApprentissage),
    prenomMaitreApprentissage: asText(src.prenomMaitreApprentissage),
    emailMaitreApprentissage: email(src.emailMaitreApprentissage),
    missionTitle: asText(src.missionTitle),
    missionDetails: asText(src.missionDetails),
    monthStartGroup: asText(src.monthStartGroup),
    rncp: asText(src.rncp),
    dateResiliation: date(src.dateResiliation, 'dateResiliation', order, badDates),
  };
  return { record, badDates };
}

/**
 * Gives a record's repeated values one string object each (see interner.ts), in place: for the
 * records a run keeps until it writes. Unique values (codes, emails of people) are left alone.
 * Named writes, as in normalise: the record keeps its shape.
 */
export function shareValues(r: contractRecord, shared: Interner): contractRecord {
  r.dateDebut = shared(r.dateDebut);
  r.dateFin = shared(r.dateFin);
  r.nomEntreprise = shared(r.nomEntreprise);
  r.siretEntreprise = shared(r.siretEntreprise);
  r.codeGroupe = shared(r.codeGroupe);
  r.nomGroupe = shared(r.nomGroupe);
  r.codeSite = shared(r.codeSite);
  r.nomSite = shared(r.nomSite);
  r.codeMarque = shared(r.codeMarque);
  r.nomMarque = shared(r.nomMarque);
  r.codePeriode = shared(r.codePeriode);
  r.nomPeriode = shared(r.nomPeriode);
  r.codeAnnee = shared(r.codeAnnee);
  r.nomAnnee = shared(r.nomAnnee);
  r.codeFormation = shared(r.codeFormation);
  r.nomFormation = shared(r.nomFormation);
  r.nomApprenant = shared(r.nomApprenant);
  r.prenomApprenant = shared(r.prenomApprenant);
  r.codePersonnel = shared(r.codePersonnel);
  r.nomPersonnel = shared(r.nomPersonnel);
  r.prenomPersonnel = shared(r.prenomPersonnel);
  r.emailPersonnel = shared(r.emailPersonnel);
  r.nomMaitreApprentissage = shared(r.nomMaitreApprentissage);
  r.prenomMaitreApprentissage = shared(r.prenomMaitreApprentissage);
  r.missionTitle = shared(r.missionTitle);
  r.missionDetails = shared(r.missionDetails);
  r.monthStartGroup = shared(r.monthStartGroup);
  r.rncp = shared(r.rncp);
  r.dateResiliation = shared(r.dateResiliation);
  return r;
}
