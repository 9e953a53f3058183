import { decodeWindows1252 } from './windows-1252.ts';
/** Bytes -> text. Pure (TextDecoder exists in browsers and Node). */

export type CsvEncodingOption = 'auto' | 'utf-8' | 'windows-1252';
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: CsvEncoding;
  bom: boolean;
  /** True when UTF-8 (configured or detected) met invalid bytes: they became U+FFFD and their rows are flagged. */
  invalid: boolean;
  /** Set when the bytes overruled the configuration (a BOM is unambiguous). */
  note?: string;
}

export const REPLACEMENT_CHAR = '\uFFFD';

export function decodeBytes(bytes: Uint8Array, option: CsvEncodingOption): DecodedText {
  // Excel's "Texte Unicode" export is UTF-16 with a BOM; no configured value could mean anything else.
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le', bom: true, invalid: false };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be', bom: true, invalid: false };
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;

  if (option === 'windows-1252' && !bom) {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252', bom: false, invalid: false };
  }
  // The default TextDecoder drops a leading BOM, which is what we want.
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    const decoded: DecodedText = { text, encoding: 'utf-8', bom, invalid: false };
    if (option === 'windows-1252') decoded.note = 'BOM UTF-8 présent : lu en UTF-8 malgré windows-1252 configuré';
    return decoded;
  } catch {
    // Mostly UTF-8 with a few bad bytes (an export concatenated from two tools) is still UTF-8:
    // reading it as Windows-1252 would garble every accented header and fail the whole file,
    // whereas only the rows holding the bad bytes are unreadable.
    if (option === 'windows-1252' || (option === 'auto' && !looksMostlyUtf8(bytes))) {
      return { text: decodeWindows1252(bytes), encoding: 'windows-1252', bom: false, invalid: false };
    }
    return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8', bom, invalid: true };
  }
}

/** More well-formed multi-byte UTF-8 sequences than stray high bytes (a Windows-1252 text has almost none). */
function looksMostlyUtf8(bytes: Uint8Array): boolean {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80) continue;
    const extra = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    let ok = extra > 0 && i + extra < bytes.length;
    for (let k = 1; ok && k <= extra; k++) ok = (bytes[i + k] & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += extra;
    } else invalid++;
  }
  return valid > invalid;
}
