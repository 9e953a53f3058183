/**
 * The contract's plain values: the field names, the kinds of change, the paging and search
 * bounds. No schema here, so a page can use them without loading zod (the widgets fetch the
 * schemas with their first request); fields.ts and api.ts build their schemas on these and
 * export them again.
 */

/** The fields of a contract, exactly as the public sync API names them (see fields.ts). */
export const contractFields = [
  'codeContrat',
  'dateDebut',
  'dateFin',
  'nomEntreprise',
  'siretEntreprise',
  'codeGroupe',
  'nomGroupe',
  'codeSite',
  'nomSite',
  'codeMarque',
  'nomMarque',
  'codePeriode',
  'nomPeriode',
  'codeAnnee',
  'nomAnnee',
  'codeFormation',
  'nomFormation',
  'codeApprenant',
  'nomApprenant',
  'prenomApprenant',
  'emailApprenant',
  'codePersonnel',
  'nomPersonnel',
  'prenomPersonnel',
  'emailPersonnel',
  'codeMaitreApprentissage',
  'nomMaitreApprentissage',
  'prenomMaitreApprentissage',
  'emailMaitreApprentissage',
  'missionTitle',
  'missionDetails',
  'monthStartGroup',
  'rncp',
  'dateResiliation',
] as const;

/** Date fields: normalised to ISO `YYYY-MM-DD` once parsed. */
export const dateFields: readonly (typeof contractFields)[number][] = ['dateDebut', 'dateFin', 'dateResiliation'];

/** What a run can do to an integrated contract, day after day. */
export const changeKinds = ['added', 'updated', 'archived', 'rejected', 'fixed'] as const;

/** Rows per page of a list: by default, and at most (a larger `limit` is refused). */
export const PAGE_DEFAULT = 50;
export const PAGE_MAX = 500;

/** A search box's text is bounded, so a pasted page cannot turn into a thousand-word query. */
export const SEARCH_MAX_LENGTH = 200;
