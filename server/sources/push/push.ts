/**
 * Push source: the ERP POSTs a JSON array of all its active contracts. Only the body as a whole
 * can fail (too big, not JSON, not an array); one bad element never fails the batch
 * (DOMAIN.md: a 400 for a whole batch once lost 23,000 records).
 */
import { contractFields } from '../../../contract/fields.ts';
import type { ReceivedRecord, Snapshot } from '../../core/types.ts';
import type { runSource } from '../../../contract/api.ts';
import { isPlainObject, notAnObjectMessage } from '../errors.ts';
import { jsonErrorOffset, lineAndColumn } from './json-error.ts';

export class PushBodyError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
    this.name = 'PushBodyError';
  }
}

/** UTF-8 size without allocating a copy of a body that may be tens of megabytes. */
function utf8Length(text: string, stopAbove: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      // A surrogate pair is one 4-byte character.
      bytes += 4;
      i++;
    } else bytes += 3;
    if (bytes > stopAbove) return bytes;
  }
  return bytes;
}

function recordFromElement(element: unknown, index: number): ReceivedRecord {
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

/** A snapshot from already-parsed elements (the CLI's JSON file import reuses this). */
export function snapshotFromRecords(items: readonly unknown[], source: runSource, meta: Record<string, string | number> = {}): Snapshot {
  const records = items.map((item, index) => recordFromElement(item, index));
  return {
    source,
    records,
    meta: { ...meta, received: records.length, malformed: records.filter((r) => r.malformed).length },
  };
}

export function parsePushBody(text: string, maxBytes: number): Snapshot {
  // Each UTF-16 unit is at least one byte: only near the limit is the exact count needed.
  const bytes = text.length > maxBytes ? text.length : text.length * 3 <= maxBytes ? -1 : utf8Length(text, maxBytes);
  if (bytes > maxBytes) {
    throw new PushBodyError(413, `Corps de requête trop volumineux : la limite est de ${maxBytes} octets.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    const stated = /at position (\d+)/.exec(detail);
    const offset = stated ? Number(stated[1]) : jsonErrorOffset(text);
    const { line, column } = lineAndColumn(text, offset);
    throw new PushBodyError(400, `JSON invalide à la ligne ${line}, colonne ${column} (position ${offset}) : ${detail}`);
  }
  if (!Array.isArray(value)) {
    throw new PushBodyError(
      400,
      `Un tableau JSON de tous les contrats actifs est attendu (expected a JSON array of contracts), reçu ${isPlainObject(value) ? 'un objet' : typeof value === 'string' ? 'une chaîne' : JSON.stringify(value)}.`,
    );
  }
  return snapshotFromRecords(value, 'push', { bytes: bytes >= 0 ? bytes : text.length });
}
