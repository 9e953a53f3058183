/** Attaching a contract to its session (the groupe it is taught in). */
import { sessionKey, type ContractRecord, type Reason, type sessionRef } from '../contract/index.ts';
import type { ImportSettings } from './types.ts';

export function sessionRefOf(record: ContractRecord): sessionRef {
  return {
    codeSite: record.codeSite,
    codePeriode: record.codePeriode,
    codeFormation: record.codeFormation,
    codeAnnee: record.codeAnnee,
    codeGroupe: record.codeGroupe,
  };
}

/**
 * The reason a record cannot be attached, if any. Only 'configured' platforms can refuse a
 * group; an empty group code is already STRUCTURE_MISSING and is not reported twice.
 */
export function sessionReason(record: ContractRecord, settings: Pick<ImportSettings, 'sessions' | 'configuredGroups'>): Reason | null {
  if (settings.sessions !== 'configured' || record.codeGroupe === '') return null;
  if (settings.configuredGroups.has(record.codeGroupe)) return null;
  return { code: 'GROUP_UNKNOWN', field: 'codeGroupe', value: record.codeGroupe };
}

/** Collects the sessions an 'auto' run has to create, each once, in first-seen order. */
export class SessionCollector {
  readonly created: sessionRef[] = [];
  private readonly seen: Set<string>;

  constructor(
    private readonly mode: ImportSettings['sessions'],
    known: ReadonlySet<string>,
  ) {
    this.seen = new Set(known);
  }

  /** Call for each contract that ends up integrated. */
  attach(session: sessionRef): void {
    if (this.mode !== 'auto') return;
    const key = sessionKey(session);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.created.push(session);
  }
}
