/** Builders shared by the core tests: one valid contract, varied one field at a time. */
import { sessionKey, type contractField, type contractRecord } from '../../../contract/index.ts';
import { normalise } from '../../../server/core/normalise.ts';
import type { ImportSettings, PreviousState, ReceivedRecord, RunClock, RunOutcome, Snapshot } from '../../../server/core/types.ts';

export type Fields = Partial<Record<contractField, string>>;

const pad = (i: number) => String(i).padStart(5, '0');

/** A valid contract as an ERP sends it (French dates). Every person is unique to `i`, except the school tutor, shared on purpose. */
export function validFields(i = 1, overrides: Fields = {}): Fields {
  return {
    codeContrat: `C${pad(i)}`,
    dateDebut: '01/09/2025',
    dateFin: '31/08/2027',
    nomEntreprise: `Entreprise ${i}`,
    siretEntreprise: '732 829 320 00074',
    codeGroupe: 'G1',
    nomGroupe: 'BTS MCO 1 A',
    codeSite: 'LYON',
    nomSite: 'Lyon',
    codeMarque: '',
    nomMarque: '',
    codePeriode: '2025',
    nomPeriode: '2025/2026',
    codeAnnee: 'A1',
    nomAnnee: '1ère année',
    codeFormation: 'BTSMCO',
    nomFormation: 'BTS MCO',
    codeApprenant: `L${pad(i)}`,
    nomApprenant: `NOM${i}`,
    prenomApprenant: `Prénom${i}`,
    emailApprenant: `learner${i}@example.fr`,
    codePersonnel: 'P1',
    nomPersonnel: 'MARTIN',
    prenomPersonnel: 'Claire',
    emailPersonnel: 'claire.martin@cfa.fr',
    codeMaitreApprentissage: `T${pad(i)}`,
    nomMaitreApprentissage: `TUTEUR${i}`,
    prenomMaitreApprentissage: 'Paul',
    emailMaitreApprentissage: `tutor${i}@company.fr`,
    missionTitle: 'Vendeur',
    missionDetails: '',
    monthStartGroup: '9',
    rncp: 'RNCP38362',
    ...overrides,
  };
}

export function received(fields: Fields, index = 0, extra: Partial<ReceivedRecord> = {}): ReceivedRecord {
  return { index, raw: { ...fields }, fields, ...extra };
}

/** The normalised form of validFields(i, overrides). */
export function validRecord(i = 1, overrides: Fields = {}): contractRecord {
  return normalise(received(validFields(i, overrides)), 'dmy').record;
}

export function snapshot(fieldsList: Fields[]): Snapshot {
  return { source: 'push', records: fieldsList.map((f, i) => received(f, i)), meta: {} };
}

export function emptyState(): PreviousState {
  return { contracts: new Map(), rejections: new Map(), sessions: new Set() };
}

export function settings(overrides: Partial<ImportSettings> = {}): ImportSettings {
  return {
    sessions: 'auto',
    configuredGroups: new Set(),
    maxArchiveRatio: 0.2,
    bypassGuard: false,
    dateOrder: 'dmy',
    ...overrides,
  };
}

export function clock(date: string, time = '02:00:00'): RunClock {
  return { at: `${date}T${time}.000Z`, date };
}

/** What a store does with an outcome, so multi-day tests can chain runs. */
export function apply(state: PreviousState, outcome: RunOutcome): PreviousState {
  if (outcome.status === 'held') return state;
  const contracts = new Map(state.contracts);
  for (const u of outcome.upserts) contracts.set(u.code, u);
  const sessions = new Set(state.sessions);
  for (const s of outcome.newSessions) sessions.add(sessionKey(s));
  return { contracts, rejections: new Map(outcome.rejections.map((r) => [r.code, r])), sessions };
}
