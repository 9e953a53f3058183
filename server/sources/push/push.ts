/**
 * Push source: the ERP POSTs a JSON array of all its active contracts. Only the body as a whole
 * can fail (too big, not UTF-8, not JSON, not an array); one bad element never fails the batch
 * (DOMAIN.md: a 400 for a whole batch once lost 23,000 records). The body is read by
 * PushBodyReader, streamed (pushRecordStream) or from a text already in memory (parsePushBody).
 */
import type { Snapshot } from '../../core/types.ts';
import { PushBodyError } from './body-error.ts';
import { PushBodyReader } from './body-reader.ts';

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

/** A body already read as text (tests, the browser mock, the CLI): the same reading as the stream. */
export function parsePushBody(text: string, maxBytes: number): Snapshot {
  // Each UTF-16 unit is at least one byte: only near the limit is the exact count needed.
  const bytes = text.length > maxBytes ? text.length : text.length * 3 <= maxBytes ? -1 : utf8Length(text, maxBytes);
  if (bytes > maxBytes) {
    throw new PushBodyError(413, `Corps de requête trop volumineux : la limite est de ${maxBytes} octets.`, 'PAYLOAD_TOO_LARGE');
  }
  const reader = new PushBodyReader({ format: 'json', maxBytes });
  const records = reader.writeText(text);
  for (const record of reader.end()) records.push(record);
  const { received, malformed } = reader.meta();
  return { source: 'push', records, meta: { bytes: bytes >= 0 ? bytes : text.length, received, malformed } };
}
