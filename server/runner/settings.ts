import type { OrgConfig } from '../config/schema.ts';
import type { ImportSettings } from '../core/types.ts';

/** The pipeline's settings for one organisation, derived from its config. */
export function importSettings(org: OrgConfig, bypassGuard = false): ImportSettings {
  return {
    sessions: org.sessions,
    configuredGroups: new Set(org.groups),
    maxArchiveRatio: org.removalGuard.maxRatio,
    maxUpdateRatio: org.updateGuard.maxRatio,
    minUpdates: org.updateGuard.minContracts,
    maxMissingRatio: org.truncatedGuard.maxMissingRatio,
    bypassGuard,
    dateOrder: org.source.kind === 'csv' && org.source.dateFormat === 'MM/DD/YYYY' ? 'mdy' : 'dmy',
  };
}
