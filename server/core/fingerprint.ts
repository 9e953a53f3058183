/**
 * A record's fingerprint: 64 bits of hash over every field, so that a run tells an unchanged
 * contract (most of them, every night) from a changed one without reading the stored version.
 * Two 32-bit multiplicative hashes in one pass (the cyrb53 mixing, both halves kept); the
 * odds that a changed record keeps its fingerprint are about one in 2^64.
 */
import { contractFields, type contractRecord } from '../../contract/index.ts';

export function fingerprint(r: contractRecord): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const f of contractFields) {
    const v = r[f];
    for (let i = 0; i < v.length; i++) {
      const ch = v.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    // A separator per field: ("ab", "") and ("a", "b") must differ.
    h1 = Math.imul(h1 ^ 0x1f, 2654435761);
    h2 = Math.imul(h2 ^ 0x1f, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 >>> 0).toString(36).padStart(7, '0') + (h2 >>> 0).toString(36).padStart(7, '0');
}
