/**
 * The language of messages and labels, detected once per request by Hono's language middleware:
 * `?lang`, else Accept-Language (weights honoured, `fr-CA` is French), else French.
 * Routes read it with `c.get('language')`.
 */
import { languageDetector } from 'hono/language';
import type { lang } from '../../contract/index.ts';

export const languages: readonly lang[] = ['fr', 'en'];

export function detectLanguage() {
  return languageDetector({
    supportedLanguages: [...languages],
    fallbackLanguage: 'fr',
    order: ['querystring', 'header'],
    lookupQueryString: 'lang',
    caches: false,
  });
}

/** What the middleware detected, narrowed to the product's languages. */
export function languageOf(detected: string): lang {
  return detected === 'en' ? 'en' : 'fr';
}
