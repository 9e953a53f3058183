/** Shapes of the fake ERP. Browser-safe. */
import type { contractField } from '../../contract/index.ts';

/**
 * One contract in the PUBLIC SYNC API shape (DOMAIN.md §1): flat fields, dates DD/MM/YYYY.
 * Required fields are always present (possibly '' when the ERP left them blank, as ERPs do);
 * optional ones (marque, mission, siret, rncp, monthStartGroup, dateResiliation) are absent
 * when the ERP has nothing.
 */
export type ErpContract = { codeContrat: string } & Partial<Record<contractField, string>>;

/** The kinds of data-entry defect the fake ERP produces (each maps to a reason code). */
export const defectKinds = [
  'employerMissing', // EMPLOYER_MISSING
  'tutorEmailMissing', // TUTOR_EMAIL_MISSING
  'tutorEmailInvalid', // TUTOR_EMAIL_INVALID
  'schoolTutorMissing', // SCHOOL_TUTOR_MISSING
  'groupBlank', // STRUCTURE_MISSING
  'groupUnknown', // GROUP_UNKNOWN when sessions are configured
  'datesIncoherent', // DATES_INCOHERENT
  'rncpInvalid', // RNCP_INVALID
  'siretInvalid', // SIRET_INVALID
  'learnerEmailInvalid', // LEARNER_EMAIL_INVALID
  'emailShared', // EMAIL_CONFLICT (the learner's email given for the tutor)
  'duplicateCode', // DUPLICATE_CONTRACT (the row exported twice)
] as const;
export type DefectKind = (typeof defectKinds)[number];

export type ChangeKind = 'add' | 'edit' | 'fix' | 'break' | 'archive' | 'terminate';

export type EditKind = 'tutorEmail' | 'group' | 'companyRename' | 'endDate' | 'tutorReplaced' | 'schoolTutor';

/** One scripted change of the ERP; `day` is the day it is visible from. */
export interface ErpEvent {
  day: number;
  /** Index of the contract in the fake ERP's population. */
  index: number;
  kind: ChangeKind;
  edit?: EditKind;
  defect?: DefectKind;
  /** Seed of the event's own random choices (new email, new group...). */
  salt: number;
}

export interface FakeErpOptions {
  seed: number;
  /** Active contracts on day 0. */
  contracts: number;
  /** Days the scenario covers (snapshot(0) .. snapshot(days - 1)). */
  days: number;
  /** The calendar day of day 0, YYYY-MM-DD. */
  startDate: string;
}

export interface FakeErp {
  readonly options: FakeErpOptions;
  /** Every active contract on that day (0 .. days-1), fresh objects, deterministic for the seed. */
  snapshot(day: number): ErpContract[];
  /** The calendar date (YYYY-MM-DD) of a day. */
  dateOf(day: number): string;
  /** The scripted changes, in day order (for tests and the demo's narrative). */
  readonly events: readonly ErpEvent[];
  /** Every group code the ERP uses (for an organisation with configured sessions). */
  groupCodes(): string[];
}
