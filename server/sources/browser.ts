/**
 * The browser-safe part of the source adapters (no node: imports): CSV preview and streaming,
 * push body parsing and streaming (the mock API runs the real app in the browser).
 */
export * from './csv/index.ts';
export { PushBodyError, parsePushBody, pushRecordStream, snapshotFromRecords } from './push/index.ts';
export { collectSnapshot } from './stream.ts';
export { RECORD_LIMITS, EXCERPT_CHARS, type RecordLimits } from './limits.ts';
export { SourceError } from './errors.ts';
