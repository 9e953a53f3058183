/** Reads a request body as UTF-8 text, refusing it (413) past `maxBytes`, declared or actual. */
import { payloadTooLarge } from './errors.ts';

export async function readBodyText(req: Request, maxBytes: number): Promise<string> {
  const declared = req.headers.get('Content-Length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes) throw payloadTooLarge(maxBytes);
  if (!req.body) return '';
  const reader = req.body.getReader();
  const decoder = new TextDecoder('utf-8');
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
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}
