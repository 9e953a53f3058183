/**
 * Retention of personal data: which values of a contract say who someone is, and how a retired
 * contract's contract row and history are anonymised. One definition for every store, so that
 * SQLite, memory and PostgreSQL replace exactly the same values with exactly the same marker.
 *
 * Anonymising keeps shapes: a value that was present is replaced by the marker, an empty one
 * stays empty, every history entry and every field change stays (its values masked), so counts,
 * days, kinds and "which field changed" survive; only who it was is gone.
 */
import type { contractField, contractRecord, fieldChange, reason, reasonCode } from '../../../contract/index.ts';

/** What replaces a personal value. */
export const ANONYMISED = '(anonymisé)';

/**
 * The fields naming or identifying a person: the learner, the school tutor and the company
 * tutor (codes too: an ERP code identifies its person), and the mission's free text, which
 * may name them. Employer, structure, programme and dates are not about a person.
 */
export const personalFields: readonly contractField[] = [
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
  'missionDetails',
];

const PERSONAL = new Set<string>(personalFields);

/** Reasons whose detail names the other people involved (cross-check.ts describe()). */
const DETAIL_NAMES_PEOPLE = new Set<reasonCode>(['CODE_CONFLICT', 'EMAIL_CONFLICT']);

const mask = (v: string): string => (v === '' ? '' : ANONYMISED);
const personal = (v: string): boolean => v !== '' && v !== ANONYMISED;

export function isPersonalField(field: string): boolean {
  return PERSONAL.has(field);
}

export function anonymiseRecord(data: contractRecord): contractRecord {
  const out: contractRecord = { ...data };
  for (const f of personalFields) out[f] = mask(out[f]);
  return out;
}

export function recordHasPersonalData(data: contractRecord): boolean {
  return personalFields.some((f) => personal(data[f]));
}

/** The parts of a history entry that may hold personal data. */
export interface PersonalParts {
  /** The learner's name as the entry shows it. */
  learner: string;
  delta: fieldChange[];
  reasons: reason[];
  /** Entries recorded before compact history keep their fields as shown (null otherwise). */
  legacyFields: fieldChange[] | null;
}

function fieldsHavePersonalData(fields: readonly fieldChange[] | null): boolean {
  return (fields ?? []).some((f) => PERSONAL.has(f.field) && (personal(f.before) || personal(f.after)));
}

function anonymiseFields(fields: readonly fieldChange[]): fieldChange[] {
  return fields.map((f) => (PERSONAL.has(f.field) ? { field: f.field, before: mask(f.before), after: mask(f.after) } : f));
}

function reasonHasPersonalData(r: reason): boolean {
  return (PERSONAL.has(r.field) && personal(r.value)) || (DETAIL_NAMES_PEOPLE.has(r.code) && r.detail !== undefined && personal(r.detail));
}

function anonymiseReason(r: reason): reason {
  const out: reason = { ...r };
  if (PERSONAL.has(r.field)) out.value = mask(r.value);
  if (DETAIL_NAMES_PEOPLE.has(r.code) && r.detail !== undefined) out.detail = mask(r.detail);
  return out;
}

export function changeHasPersonalData(c: PersonalParts): boolean {
  return (
    personal(c.learner) ||
    fieldsHavePersonalData(c.delta) ||
    fieldsHavePersonalData(c.legacyFields) ||
    c.reasons.some(reasonHasPersonalData)
  );
}

export function anonymiseChange<T extends PersonalParts>(c: T): T {
  return {
    ...c,
    learner: mask(c.learner),
    delta: anonymiseFields(c.delta),
    reasons: c.reasons.map(anonymiseReason),
    legacyFields: c.legacyFields === null ? null : anonymiseFields(c.legacyFields),
  };
}
