/** Reads a request body as UTF-8 text, refusing it (413) past `maxBytes`, declared or actual. */
import { badRequest, payloadTooLarge } from './errors.ts';

export async function readBodyText(req: Request, maxBytes: number): Promise<string> {
  const declared = req.headers.get('Content-Length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes) throw payloadTooLarge(maxBytes);
  if (!req.body) return '';
  const reader = req.body.getReader();
  // fatal: a body in another encoding (a Windows-1252 export posted as is) is refused with a
  // clear message rather than integrated with U+FFFD in every accented name.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parts: string[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw payloadTooLarge(maxBytes);
    }
    parts.push(decode(() => decoder.decode(value, { stream: true })));
  }
  parts.push(decode(() => decoder.decode()));
  return parts.join('');
}

function decode(fn: () => string): string {
  try {
    return fn();
  } catch {
    throw badRequest('INVALID_ENCODING', "Le corps n'est pas en UTF-8 : envoyez le JSON encodé en UTF-8.");
  }
}
