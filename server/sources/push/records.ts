/** A pushed (or JSON file's) element -> a ReceivedRecord: the one mapping both the streamed body and parsed arrays use. */
import { contractFields } from '../../../contract/fields.ts';
import type { runSource } from '../../../contract/api.ts';
import type { ReceivedRecord, Snapshot } from '../../core/types.ts';
import { isPlainObject, notAnObjectMessage } from '../errors.ts';
import { RECORD_LIMITS, rejectedParsed, type RecordLimits } from '../limits.ts';

/** An element within the limits: its known fields, numbers as strings, null as ''. */
export function recordFromElement(element: unknown, index: number): ReceivedRecord {
  if (!isPlainObject(element)) return { index, raw: element, fields: {}, malformed: notAnObjectMessage(index, element) };
  const fields: ReceivedRecord['fields'] = {};
  for (const f of contractFields) {
    const v = element[f];
    if (typeof v === 'string') fields[f] = v;
    else if (typeof v === 'number') fields[f] = String(v);
    else if (v === null) fields[f] = '';
  }
  // The public API's field table spells it "ccodeContrat"; ERPs built from the table send that.
  if (fields.codeContrat === undefined && typeof element.ccodeContrat === 'string') fields.codeContrat = element.ccodeContrat;
  return { index, raw: element, fields };
}

/** An element already parsed (a pull page, a JSON file): checked against the limits first, without recursion. */
export function recordFromParsed(element: unknown, index: number, limits: RecordLimits = RECORD_LIMITS): ReceivedRecord {
  return rejectedParsed(element, index, limits) ?? recordFromElement(element, index);
}

/** A snapshot from already-parsed elements (the CLI's JSON file import reuses this). */
export function snapshotFromRecords(items: readonly unknown[], source: runSource, meta: Record<string, string | number> = {}): Snapshot {
  const records = items.map((item, index) => recordFromParsed(item, index));
  return {
    source,
    records,
    meta: { ...meta, received: records.length, malformed: records.filter((r) => r.malformed).length },
  };
}
