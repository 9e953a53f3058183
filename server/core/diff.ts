/** Field-level differences, the material of the Historique screen. */
import { contractFields, type contractRecord, type fieldChange } from '../../contract/index.ts';

/**
 * Whether two records are identical. Spelled out field by field because it is the hot path
 * of a nightly run (most contracts do not change) and direct property reads are several
 * times faster than a loop of keyed reads; a test checks that no field is forgotten.
 */
export function sameRecord(a: contractRecord, b: contractRecord): boolean {
  return (
    a.codeContrat === b.codeContrat &&
    a.dateDebut === b.dateDebut &&
    a.dateFin === b.dateFin &&
    a.nomEntreprise === b.nomEntreprise &&
    a.siretEntreprise === b.siretEntreprise &&
    a.codeGroupe === b.codeGroupe &&
    a.nomGroupe === b.nomGroupe &&
    a.codeSite === b.codeSite &&
    a.nomSite === b.nomSite &&
    a.codeMarque === b.codeMarque &&
    a.nomMarque === b.nomMarque &&
    a.codePeriode === b.codePeriode &&
    a.nomPeriode === b.nomPeriode &&
    a.codeAnnee === b.codeAnnee &&
    a.nomAnnee === b.nomAnnee &&
    a.codeFormation === b.codeFormation &&
    a.nomFormation === b.nomFormation &&
    a.codeApprenant === b.codeApprenant &&
    a.nomApprenant === b.nomApprenant &&
    a.prenomApprenant === b.prenomApprenant &&
    a.emailApprenant === b.emailApprenant &&
    a.codePersonnel === b.codePersonnel &&
    a.nomPersonnel === b.nomPersonnel &&
    a.prenomPersonnel === b.prenomPersonnel &&
    a.emailPersonnel === b.emailPersonnel &&
    a.codeMaitreApprentissage === b.codeMaitreApprentissage &&
    a.nomMaitreApprentissage === b.nomMaitreApprentissage &&
    a.prenomMaitreApprentissage === b.prenomMaitreApprentissage &&
    a.emailMaitreApprentissage === b.emailMaitreApprentissage &&
    a.missionTitle === b.missionTitle &&
    a.missionDetails === b.missionDetails &&
    a.monthStartGroup === b.monthStartGroup &&
    a.rncp === b.rncp &&
    a.dateResiliation === b.dateResiliation
  );
}

/** The fields that differ, in the contract's field order (the order the history shows). */
export function diffRecords(before: contractRecord, after: contractRecord): fieldChange[] {
  const out: fieldChange[] = [];
  if (sameRecord(before, after)) return out;
  for (const f of contractFields) {
    const b = before[f] ?? '';
    const a = after[f] ?? '';
    if (a !== b) out.push({ field: f, before: b, after: a });
  }
  return out;
}

/**
 * A whole contract as changes from or to nothing: 'after' for an added contract (before ''),
 * 'before' for an archived one (after ''). Empty fields are left out: they change nothing.
 */
export function recordFields(rec: contractRecord, side: 'before' | 'after'): fieldChange[] {
  const out: fieldChange[] = [];
  for (const f of contractFields) {
    const v = rec[f] ?? '';
    if (v === '') continue;
    out.push(side === 'after' ? { field: f, before: '', after: v } : { field: f, before: v, after: '' });
  }
  return out;
}
