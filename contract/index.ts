/** The API contract: one module for server, widgets and mocks. It imports nothing of theirs. */
export * from './fields.ts';
export * from './reasons.ts';
export * from './api.ts';
export * from './i18n/wording.ts';
export * from './i18n/languages.ts';
