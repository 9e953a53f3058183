/** Store rows -> API payloads: reasons get their message in the caller's language. */
import { withMessage, type lang, type change, type contractDetail, type contractItem } from '../../contract/index.ts';
import type { ContractFacts, ContractRow, StoredChange } from '../store/store.ts';

export function toContractItem(row: ContractRow, lang: lang): contractItem {
  return {
    codeContrat: row.codeContrat,
    status: row.status,
    data: row.data,
    session: row.session,
    since: row.since,
    updatedAt: row.updatedAt,
    reasons: row.reasons.map((r) => withMessage(r, lang)),
    hasValidVersion: row.hasValidVersion,
    origin: row.origin,
  };
}

export function toChange(c: StoredChange, lang: lang): change {
  return {
    runId: c.runId,
    at: c.at,
    date: c.date,
    kind: c.kind,
    codeContrat: c.codeContrat,
    learner: c.learner,
    formation: c.formation,
    fields: c.fields,
    reasons: c.reasons.map((r) => withMessage(r, lang)),
    origin: c.origin,
  };
}

/**
 * One contract as the detail screen shows it. Status: integrated when a valid version is on the
 * platform; otherwise rejected when the last received version is invalid; otherwise archived.
 */
export function toContractDetail(code: string, facts: ContractFacts, timeline: StoredChange[], lang: lang): contractDetail {
  const { platform, rejection } = facts;
  const reasons = (rejection?.reasons ?? []).map((r) => withMessage(r, lang));
  let item: contractItem;
  if (platform && (platform.status === 'integrated' || !rejection)) {
    item = {
      codeContrat: code,
      status: platform.status,
      data: platform.data,
      session: platform.session,
      since: platform.since,
      updatedAt: platform.updatedAt,
      reasons,
      hasValidVersion: rejection !== null && platform.status === 'integrated',
      origin: null,
    };
  } else if (rejection) {
    item = {
      codeContrat: code,
      status: 'rejected',
      data: rejection.data,
      session: platform?.session ?? null,
      since: rejection.since,
      updatedAt: rejection.since,
      reasons,
      hasValidVersion: false,
      origin: rejection.origin,
    };
  } else {
    throw new Error(`contract ${code}: neither a platform version nor a rejection`);
  }
  return {
    contract: item,
    validVersion: platform?.data ?? null,
    received: rejection?.data ?? (platform?.status === 'integrated' ? platform.data : null),
    timeline: timeline.map((c) => toChange(c, lang)),
  };
}
