/** Builders shared by the core tests: one valid contract, varied one field at a time. */
import { sessionKey, type contractField, type contractRecord } from '../../../contract/index.ts';
import { normalise } from '../../../server/core/normalise.ts';
import { fingerprint } from '../../../server/core/fingerprint.ts';
import type { ImportSettings, PreviousState, ReceivedRecord, RunClock, RunOutcome, Snapshot } from '../../../server/core/types.ts';
import { type KeptChange, showChanges } from '../../../server/store/common/history.ts';
import type { StoredChange } from '../../../server/store/store.ts';

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

/** A platform's state between test runs, with its history (kept compact, as stores keep it). */
export type TestState = PreviousState & { history: KeptChange[] };

export function emptyState(): TestState {
  return { contracts: new Map(), rejections: new Map(), sessions: new Set(), history: [] };
}

export function settings(overrides: Partial<ImportSettings> = {}): ImportSettings {
  return {
    sessions: 'auto',
    configuredGroups: new Set(),
    maxArchiveRatio: 0.2,
    maxUpdateRatio: 0.3,
    minUpdates: 20,
    maxMissingRatio: 0.05,
    bypassGuard: false,
    dateOrder: 'dmy',
    ...overrides,
  };
}

export function clock(date: string, time = '02:00:00'): RunClock {
  return { at: `${date}T${time}.000Z`, date };
}

/** What a store does with an outcome, so multi-day tests can chain runs. */
export function apply(state: TestState, outcome: RunOutcome): TestState {
  if (outcome.status === 'held') return state;
  const contracts = new Map(state.contracts);
  for (const u of outcome.upserts) contracts.set(u.code, u);
  const sessions = new Set(state.sessions);
  for (const s of outcome.newSessions) sessions.add(sessionKey(s));
  let seq = state.history.length;
  const history = state.history.concat(outcome.changes.map((c) => ({ ...c, runId: 'run', seq: ++seq, legacyFields: null })));
  return { contracts, rejections: new Map(outcome.rejections.map((r) => [r.code, r])), sessions, history };
}

/** The changes of the latest applied run as a reader sees them (fields rebuilt from the compact history). */
export function shownChanges(state: TestState, count: number): StoredChange[] {
  const page = state.history.slice(state.history.length - count);
  const current = new Map([...state.contracts].map(([code, c]) => [code, c.data]));
  const later = new Map<string, KeptChange[]>();
  for (const c of [...state.history].reverse()) {
    const l = later.get(c.codeContrat);
    if (l) l.push(c);
    else later.set(c.codeContrat, [c]);
  }
  return showChanges(page, current, later);
}

/** A stored contract as a store would hold it (with its fingerprint). */
export function integratedOf(code: string, data: contractRecord, session: import('../../../contract/index.ts').sessionRef, at: string) {
  return { code, status: 'integrated' as const, data, session, since: at, updatedAt: at, hash: fingerprint(data) };
}
