/** The language of messages and labels: `?lang`, else Accept-Language, else French. */
import type { lang } from '../../contract/index.ts';

const supported: readonly lang[] = ['fr', 'en'];

export function pickLang(explicit: lang | undefined, acceptLanguage: string | undefined): lang {
  if (explicit) return explicit;
  if (!acceptLanguage) return 'fr';
  const ranked = acceptLanguage
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const q = qParam ? Number(qParam.slice(2)) : 1;
      return { base: tag.trim().toLowerCase().split('-')[0], q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { base } of ranked) {
    const hit = supported.find((l) => l === base);
    if (hit) return hit;
  }
  return 'fr';
}
