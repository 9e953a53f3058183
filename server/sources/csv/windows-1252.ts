/**
 * Windows-1252, by hand: Node 20's TextDecoder('windows-1252') decodes bytes 0x80–0x9F as C1
 * control characters (Latin-1), which turns the ’ œ € of French exports into invisible junk.
 * 0x00–0x7F is ASCII and 0xA0–0xFF is Latin-1; only this row differs.
 */
const high = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    const codes = new Array<number>(end - start);
    for (let i = start; i < end; i++) {
      const b = bytes[i];
      codes[i - start] = b >= 0x80 && b <= 0x9f ? high.charCodeAt(b - 0x80) : b;
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

/** Encodes to Windows-1252; an unmappable character becomes '?', as Windows exports do. */
export function encodeWindows1252(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  let n = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0x3f;
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) out[n++] = code;
    else {
      const i = high.indexOf(ch);
      out[n++] = i >= 0 && ch.length === 1 ? 0x80 + i : 0x3f;
    }
  }
  return out.subarray(0, n);
}
