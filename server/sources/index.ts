/**
 * Source adapters: ERP data in, Snapshot out. Server-side entry point (re-exports the node-only
 * folder reader); browser code imports ./browser.ts instead.
 */
export { SourceError, isPlainObject, notAnObjectMessage, describeJsonKind } from './errors.ts';
export { collectSnapshot } from './stream.ts';
export { RECORD_LIMITS, EXCERPT_CHARS, type RecordLimits } from './limits.ts';
export * from './csv/index.ts';
export { readCsvSource, newestFile, type CsvSourceOptions } from './csv/read-csv-source.ts';
export * from './pull/index.ts';
export * from './push/index.ts';
