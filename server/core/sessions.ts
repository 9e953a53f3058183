/** Attaching a contract to its session (the groupe it is taught in). */
import { sessionKey, type contractRecord, type reason, type sessionRef } from '../../contract/index.ts';
import type { ImportSettings } from './types.ts';

export function sessionRefOf(record: sessionRef): sessionRef {
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
export function sessionReason(record: contractRecord, settings: Pick<ImportSettings, 'sessions' | 'configuredGroups'>): reason | null {
  if (settings.sessions !== 'configured' || record.codeGroupe === '') return null;
  if (settings.configuredGroups.has(record.codeGroupe)) return null;
  return { code: 'GROUP_UNKNOWN', field: 'codeGroupe', value: record.codeGroupe };
}

/**
 * Resolves each contract's session for one run: records of one session share one sessionRef
 * (100,000 contracts sit in a few hundred sessions), and in 'auto' mode the sessions unknown
 * to the platform are collected, each once, in first-seen order.
 */
export class SessionCollector {
  readonly created: sessionRef[] = [];
  private readonly refs = new Map<string, sessionRef>();

  constructor(
    private readonly mode: ImportSettings['sessions'],
    private readonly known: ReadonlySet<string>,
  ) {}

  /** Call for each contract that ends up integrated; returns its session. */
  attach(record: sessionRef): sessionRef {
    // A contractRecord is a sessionRef plus other fields: sessionKey reads only the five codes.
    const key = sessionKey(record);
    let ref = this.refs.get(key);
    if (ref === undefined) {
      ref = sessionRefOf(record);
      this.refs.set(key, ref);
      if (this.mode === 'auto' && !this.known.has(key)) this.created.push(ref);
    }
    return ref;
  }
}
