/**
 * Per-record bounds for JSON records (push bodies, pull pages, JSON files). One hostile record
 * must cost only itself (issue 11: a record nested 100,000 levels deep made `JSON.stringify`
 * overflow the stack and the push answer 500): a record past a bound is rejected with a bounded
 * excerpt, never built nor walked recursively, and the others are read.
 */
import type { ReceivedRecord } from '../core/types.ts';
import { thousands } from './errors.ts';

export interface RecordLimits {
  /** Nesting of objects and arrays, the record itself being level 1. */
  maxDepth: number;
  /** Keys of one object. */
  maxKeys: number;
  /** Characters of one string, key or value. */
  maxStringLength: number;
  /** Characters of one record's JSON text as sent (estimated for records already parsed). */
  maxRecordChars: number;
}

/**
 * - depth 32: a contract is 1 level (push) or 2 (Ypareo's `apprenant.nom`); 32 leaves room for
 *   any ERP's envelopes, far below what a recursive walk of the record can survive.
 * - 1,000 keys: a contract has 34 fields; an ERP adding its own columns stays far below.
 * - 64 Ki characters: the longest field, a mission's details, is a few hundred; the same bound
 *   as a CSV cell.
 * - 1 Mi characters: a contract is about 1,000; one record can never hold the memory of a batch.
 */
export const RECORD_LIMITS: Readonly<RecordLimits> = Object.freeze({
  maxDepth: 32,
  maxKeys: 1000,
  maxStringLength: 64 * 1024,
  maxRecordChars: 1024 * 1024,
});

/**
 * What one batch of records may hold, whatever its count (16 Mi: bytes of a push body, characters
 * of CSV cells): a thousand records of the largest size allowed above would make a batch of a
 * gigabyte, more than a reading thread may hold (server/node/threaded-input.ts), when a thousand
 * contracts are about 1 MB.
 */
export const MAX_BATCH_CHARS = 16 * 1024 * 1024;

/** A rejected record's `raw`: its start, never more. */
export const EXCERPT_CHARS = 200;

export type LimitKind = 'depth' | 'keys' | 'string' | 'size';

/** The bound a record went past, in words (the record's message names it). */
export function limitDetail(kind: LimitKind, limits: RecordLimits, value?: number): string {
  switch (kind) {
    case 'depth':
      return `profondeur supérieure à ${limits.maxDepth}`;
    case 'keys':
      return `plus de ${thousands(limits.maxKeys)} clés dans un objet`;
    case 'string':
      return `chaîne de plus de ${thousands(limits.maxStringLength)} caractères${value === undefined ? '' : ` (${thousands(value)})`}`;
    case 'size':
      return `taille supérieure à ${thousands(limits.maxRecordChars)} caractères`;
  }
}

export function limitMessage(index: number, detail: string): string {
  return `élément ${index + 1} (index ${index}) : enregistrement refusé sans être lu, ${detail}`;
}

/** `text` cut to EXCERPT_CHARS, an ellipsis saying so. */
export function excerpt(text: string): string {
  return text.length <= EXCERPT_CHARS ? text : `${text.slice(0, EXCERPT_CHARS - 1)}…`;
}

/**
 * The first bound a parsed value goes past, or undefined. Iterative (a deep value cannot
 * overflow the stack) and stops at the first bound, so it never walks more than the bounds allow.
 */
export function checkParsedRecord(value: unknown, limits: RecordLimits): string | undefined {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  let size = 0;
  while (stack.length > 0) {
    const { value: v, depth } = stack.pop() as { value: unknown; depth: number };
    if (typeof v === 'string') {
      if (v.length > limits.maxStringLength) return limitDetail('string', limits, v.length);
      size += v.length + 2;
    } else if (v !== null && typeof v === 'object') {
      if (depth + 1 > limits.maxDepth) return limitDetail('depth', limits);
      if (Array.isArray(v)) {
        size += 2 + v.length;
        if (size > limits.maxRecordChars) return limitDetail('size', limits);
        for (const item of v) stack.push({ value: item, depth: depth + 1 });
      } else {
        const keys = Object.keys(v);
        if (keys.length > limits.maxKeys) return limitDetail('keys', limits);
        size += 2;
        for (const key of keys) {
          if (key.length > limits.maxStringLength) return limitDetail('string', limits, key.length);
          size += key.length + 4;
          stack.push({ value: (v as Record<string, unknown>)[key], depth: depth + 1 });
        }
      }
    } else size += String(v).length;
    if (size > limits.maxRecordChars) return limitDetail('size', limits);
  }
  return undefined;
}

/** The start of a parsed value as JSON, at most EXCERPT_CHARS, written without recursion. */
export function excerptOfParsed(value: unknown): string {
  let out = '';
  // The containers being written, and how far into each.
  const open: { container: unknown[] | Record<string, unknown>; keys: string[] | null; next: number }[] = [];
  let pending: unknown = value;
  let hasPending = true;
  while (out.length <= EXCERPT_CHARS) {
    if (hasPending) {
      hasPending = false;
      const v = pending;
      if (Array.isArray(v)) {
        out += '[';
        open.push({ container: v, keys: null, next: 0 });
      } else if (v !== null && typeof v === 'object') {
        out += '{';
        open.push({ container: v as Record<string, unknown>, keys: Object.keys(v), next: 0 });
      } else out += typeof v === 'string' ? JSON.stringify(v.slice(0, EXCERPT_CHARS)) : String(v);
      continue;
    }
    const top = open.at(-1);
    if (!top) break;
    const count = top.keys ? top.keys.length : (top.container as unknown[]).length;
    if (top.next >= count) {
      out += top.keys ? '}' : ']';
      open.pop();
      continue;
    }
    if (top.next > 0) out += ',';
    if (top.keys) {
      const key = top.keys[top.next];
      out += `${JSON.stringify(key.slice(0, EXCERPT_CHARS))}:`;
      pending = (top.container as Record<string, unknown>)[key];
    } else pending = (top.container as unknown[])[top.next];
    top.next++;
    hasPending = true;
  }
  return excerpt(out);
}

/** A parsed element past a bound, as the rejected record it becomes (an excerpt as `raw`), or undefined. */
export function rejectedParsed(element: unknown, index: number, limits: RecordLimits): ReceivedRecord | undefined {
  const problem = checkParsedRecord(element, limits);
  if (problem === undefined) return undefined;
  return { index, raw: excerptOfParsed(element), fields: {}, malformed: limitMessage(index, problem) };
}
