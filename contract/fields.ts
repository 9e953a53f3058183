/**
 * The fields of a contract, exactly as the public sync API names them (DOMAIN.md §1),
 * plus two optional extensions seen in the field: the employer's SIRET and the
 * termination date that pull sources (Ypareo) carry on ended contracts.
 */
import { z } from 'zod/mini';
import { contractFields, dateFields } from './constants.ts';

export { contractFields, dateFields };

export const contractField = z.enum(contractFields);
export type contractField = z.infer<typeof contractField>;

/** Fields the public API leaves optional (no `*`), plus our two extensions. */
export const optionalFields: readonly contractField[] = [
  'dateDebut',
  'dateFin',
  'siretEntreprise',
  'codeMarque',
  'nomMarque',
  'missionTitle',
  'missionDetails',
  'monthStartGroup',
  'rncp',
  'dateResiliation',
];

/** Fields the public API marks as required (`*`): every other one. */
export const requiredFields: readonly contractField[] = contractFields.filter((f) => !optionalFields.includes(f));

/**
 * A normalised contract: every field a trimmed string, `''` when absent, dates in ISO.
 * This is what is integrated, diffed and served.
 */
export const contractRecord = z.object(
  Object.fromEntries(contractFields.map((f) => [f, z.string()])) as {
    [K in contractField]: z.ZodMiniString<string>;
  },
);
export type contractRecord = z.infer<typeof contractRecord>;

export function emptyRecord(): contractRecord {
  return Object.fromEntries(contractFields.map((f) => [f, ''])) as contractRecord;
}

/** The structure a contract is attached to: its session. */
export const sessionRef = z.object({
  codeSite: z.string(),
  codePeriode: z.string(),
  codeFormation: z.string(),
  codeAnnee: z.string(),
  codeGroupe: z.string(),
});
export type sessionRef = z.infer<typeof sessionRef>;

export function sessionKey(s: sessionRef): string {
  return [s.codeSite, s.codePeriode, s.codeFormation, s.codeAnnee, s.codeGroupe].join('|');
}

/** The languages of the product: French by default, English. */
export const lang = z.enum(['fr', 'en']);
export type lang = z.infer<typeof lang>;
