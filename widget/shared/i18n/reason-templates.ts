/**
 * The French reason sentences' templates, once fetched. They come with the contract's schemas
 * (api-responses.ts), which the first request fetches: a reason only ever reaches the screen in
 * a response, checked with those schemas, so its sentence's template is there before it is drawn
 * and the first paint does without the templates. English ones come with English (en.ts).
 */
import type { Wording } from '../../../contract/i18n/wording.ts';

type Templates = Wording['reasonTemplates'];

let french: Templates | null = null;

/** Called when the schemas' file arrives (api-client.ts). */
export function useFrenchReasons(templates: Templates): void {
  french = templates;
}

/** The French templates, or null before any response was read. */
export function frenchReasons(): Templates | null {
  return french;
}
