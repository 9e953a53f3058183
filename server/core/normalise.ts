/** Turns a record as received into the one shape the rest of the pipeline reasons about. */
import type { contractField, contractRecord } from '../../contract/index.ts';
import type { ReceivedRecord } from './types.ts';
import { parseDate } from './dates.ts';

export interface Normalised {
  record: contractRecord;
  /** Date fields that were given but could not be read (their raw text is kept in `record`). */
  badDates: contractField[];
}

// Typed as string, but push and pull bodies are arbitrary JSON: be liberal in what is read.
function asText(v: unknown): string {
  if (typeof v === 'string') return v.trim();
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
