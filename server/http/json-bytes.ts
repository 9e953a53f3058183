/**
 * A JSON answer sent as UTF-8 bytes, encoded piece by piece. Two costs of a page of records as
 * one JSON string, measured on a 70 KB page of 50 contracts (a search):
 * - @hono/node-server writes a string body by measuring its UTF-8 length, then encoding it on
 *   the socket: two passes over the text;
 * - the text of French records holds a character beyond Latin-1 now and then (’, œ): V8 then
 *   builds JSON.stringify's result in pieces, and the first pass over it flattens them. That
 *   took 0.5 ms of the 0.75 ms of the first pass, where encoding each record's JSON alone and
 *   joining the bytes takes 0.25 ms for the whole page.
 * Together a third of a search's CPU. Plain objects and arrays are walked down to `depth`
 * levels (by default a page and its lists, each record being one piece); anything else, and
 * everything below, is JSON.stringify's, so the bytes are
 * exactly those of `JSON.stringify(value)` (json-bytes.test.ts). Pure: TextEncoder is the browser's
 * too (the MSW mock runs these routes).
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

const encoder = new TextEncoder();

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  // toJSON changes what JSON.stringify writes: left to it.
  return (proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/** What JSON.stringify leaves out of an object, and writes as null in an array. */
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/** The JSON text of `value` as pieces, each small enough to be cheap to encode. */
function pieces(value: unknown, depth: number, out: string[]): void {
  if (depth > 0 && Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(',');
      const v: unknown = value[i];
      if (omitted(v)) out.push('null');
      else pieces(v, depth - 1, out);
    }
    out.push(']');
    return;
  }
  if (depth > 0 && isPlainObject(value)) {
    let sep = '{';
    for (const key of Object.keys(value)) {
      const v = value[key];
      if (omitted(v)) continue;
      out.push(`${sep}${JSON.stringify(key)}:`);
      sep = ',';
      pieces(v, depth - 1, out);
    }
    out.push(sep === '{' ? '{}' : '}');
    return;
  }
  out.push(JSON.stringify(value) ?? 'null');
}

/** The UTF-8 bytes of `JSON.stringify(value)`; `depth`: the levels whose members are encoded apart (a page, its list). */
export function encodeJson(value: unknown, depth = 2): Uint8Array<ArrayBuffer> {
  const out: string[] = [];
  pieces(value, depth, out);
  let units = 0;
  for (const p of out) units += p.length;
  // At most 3 bytes per UTF-16 unit (a surrogate pair: 4 bytes for 2 units).
  const bytes = new Uint8Array(units * 3);
  let at = 0;
  for (const p of out) at += encoder.encodeInto(p, bytes.subarray(at)).written;
  return bytes.subarray(0, at);
}

/** `c.json(value, status)`, for the routes answering pages of records. */
export function jsonBytes<T>(c: Context, value: T, status?: ContentfulStatusCode): Response {
  c.header('Content-Type', 'application/json');
  return c.body(encodeJson(value), status);
}
