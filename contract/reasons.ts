/**
 * Why a received contract is not integrated. One code per rule; a contract carries every
 * reason that applies, each naming the ERP field to fix and the offending value.
 * Their labels and sentences live in i18n/ (one module per language), so the server (CSV
 * export, API) and the widgets say the same words.
 */
import { z } from 'zod/mini';

export const reasonCodes = [
  'EMPLOYER_MISSING',
  'TUTOR_MISSING',
  'TUTOR_EMAIL_MISSING',
  'TUTOR_EMAIL_INVALID',
  'SCHOOL_TUTOR_MISSING',
  'SCHOOL_TUTOR_EMAIL_MISSING',
  'SCHOOL_TUTOR_EMAIL_INVALID',
  'LEARNER_MISSING',
  'LEARNER_EMAIL_MISSING',
  'LEARNER_EMAIL_INVALID',
  'STRUCTURE_MISSING',
  'GROUP_UNKNOWN',
  'DATE_INVALID',
  'DATES_INCOHERENT',
  'RNCP_INVALID',
  'SIRET_INVALID',
  'CONTRACT_CODE_MISSING',
  'DUPLICATE_CONTRACT',
  'CODE_CONFLICT',
  'EMAIL_CONFLICT',
  'ROW_MALFORMED',
] as const;

export const reasonCode = z.enum(reasonCodes);
export type reasonCode = z.infer<typeof reasonCode>;

/** The role a person plays on a contract. */
export const personRole = z.enum(['learner', 'schoolTutor', 'tutor']);
export type personRole = z.infer<typeof personRole>;

/** Another party of a conflict, in words a message can name: who, in which role, on which contract. */
export const conflictParty = z.object({
  /** '' when that record has no contract code. */
  codeContrat: z.string(),
  role: personRole,
  /** First name and last name as received ('' when missing). */
  name: z.string(),
});
export type conflictParty = z.infer<typeof conflictParty>;

/** A reason as the core produces it and the store keeps it. */
export const reason = z.object({
  code: reasonCode,
  /** The ERP field to fix (a contract field name, or a CSV column for ROW_MALFORMED). */
  field: z.string(),
  /** The offending value as received ('' when missing). */
  value: z.string(),
  /** Optional technical detail: a parse error, the parties of a conflict in one line, a count... */
  detail: z.optional(z.string()),
  /** Conflicts (CODE_CONFLICT, EMAIL_CONFLICT): the other people concerned, a few at most. */
  others: z.optional(z.array(conflictParty)),
  /** Conflicts: how many more the message does not name. */
  more: z.optional(z.number()),
});
export type reason = z.infer<typeof reason>;

/** A reason as the API serves it: with its message in the requested language. */
export const reasonView = z.extend(reason, { message: z.string() });
export type reasonView = z.infer<typeof reasonView>;
