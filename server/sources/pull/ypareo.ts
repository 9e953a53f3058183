/** The Ypareo-style item shape (nested objects) and how it maps onto contract fields. */
import type { contractField } from '../../../contract/fields.ts';
import type { ReceivedRecord } from '../../core/types.ts';
import { isPlainObject, notAnObjectMessage } from '../errors.ts';
import { RECORD_LIMITS, rejectedParsed, type RecordLimits } from '../limits.ts';

/** Dot path in each item -> contract field. */
export const ypareoMapping: Readonly<Record<string, contractField>> = {
  codeContrat: 'codeContrat',
  dateDebut: 'dateDebut',
  dateFin: 'dateFin',
  dateResiliation: 'dateResiliation',
  'entreprise.raisonSociale': 'nomEntreprise',
  'entreprise.siret': 'siretEntreprise',
  'apprenant.code': 'codeApprenant',
  'apprenant.nom': 'nomApprenant',
  'apprenant.prenom': 'prenomApprenant',
  'apprenant.email': 'emailApprenant',
  'maitreApprentissage.code': 'codeMaitreApprentissage',
  'maitreApprentissage.nom': 'nomMaitreApprentissage',
  'maitreApprentissage.prenom': 'prenomMaitreApprentissage',
  'maitreApprentissage.email': 'emailMaitreApprentissage',
  'tuteurEcole.code': 'codePersonnel',
  'tuteurEcole.nom': 'nomPersonnel',
  'tuteurEcole.prenom': 'prenomPersonnel',
  'tuteurEcole.email': 'emailPersonnel',
  'site.code': 'codeSite',
  'site.nom': 'nomSite',
  'marque.code': 'codeMarque',
  'marque.nom': 'nomMarque',
  'periode.code': 'codePeriode',
  'periode.nom': 'nomPeriode',
  'formation.code': 'codeFormation',
  'formation.nom': 'nomFormation',
  'formation.rncp': 'rncp',
  'annee.code': 'codeAnnee',
  'annee.nom': 'nomAnnee',
  'groupe.code': 'codeGroupe',
  'groupe.nom': 'nomGroupe',
  'mission.titre': 'missionTitle',
  'mission.details': 'missionDetails',
  moisEntree: 'monthStartGroup',
};

export type CompiledMapping = { path: string[]; field: contractField }[];

export function compileMapping(mapping: Readonly<Record<string, contractField>>): CompiledMapping {
  return Object.entries(mapping).map(([path, field]) => ({ path: path.split('.'), field }));
}

/** `null` while walking means the ERP said "none" (marque: null): the field is then ''. */
function lookup(item: Record<string, unknown>, path: readonly string[]): unknown {
  let value: unknown = item;
  for (const key of path) {
    if (value === null) return null;
    if (!isPlainObject(value) || !(key in value)) return undefined;
    value = value[key];
  }
  return value;
}

function asString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // A path that ends on an object is a mapping mistake; showing the object makes it visible.
  return JSON.stringify(value);
}

/** An item of a page; one past a RecordLimits bound is rejected with an excerpt, never walked recursively. */
export function itemToRecord(item: unknown, index: number, mapping: CompiledMapping, limits: RecordLimits = RECORD_LIMITS): ReceivedRecord {
  const rejected = rejectedParsed(item, index, limits);
  if (rejected !== undefined) return rejected;
  if (!isPlainObject(item)) return { index, raw: item, fields: {}, malformed: notAnObjectMessage(index, item) };
  const fields: ReceivedRecord['fields'] = {};
  for (const { path, field } of mapping) {
    const value = lookup(item, path);
    // An absent path stays absent (the core reports it missing); null is an explicit empty value.
    if (value !== undefined) fields[field] = asString(value);
  }
  return { index, raw: item, fields };
}
