/**
 * Every language's words at once, for the server (API messages, CSV exports, the CLI), which
 * answers in the language each request asks for. Browser code imports the one language it shows
 * (./fr.ts, ./en.ts) instead, so the others stay out of its bundle.
 */
import type { lang } from '../fields.ts';
import type { reason, reasonView } from '../reasons.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';
import { reasonSentence, type Wording } from './wording.ts';

export const wordings: Record<lang, Wording> = { fr, en };

/** Human labels of each field, by language. */
export const fieldLabels = { fr: fr.fieldLabels, en: en.fieldLabels } satisfies Record<lang, Wording['fieldLabels']>;

/** Short label of a reason code, by language. */
export const reasonLabels = { fr: fr.reasonLabels, en: en.reasonLabels } satisfies Record<lang, Wording['reasonLabels']>;

/** The sentence shown to an administrator, naming the ERP field to fix. */
export function reasonMessage(r: reason, language: lang = 'fr'): string {
  return reasonSentence(wordings[language], r);
}

export function withMessage(r: reason, language: lang = 'fr'): reasonView {
  return { ...r, message: reasonMessage(r, language) };
}
