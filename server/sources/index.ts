/**
 * Source adapters: ERP data in, a RecordStream out (records in ordered batches, never the whole
 * snapshot in memory): csvRecordStream / readCsvSource, pushRecordStream, pullRecordStream.
 * The wrappers that return a whole Snapshot (readCsv, parsePushBody, pullSource, collectSnapshot)
 * run the same code. Server-side entry point (re-exports the node-only file reader); browser
 * code imports ./browser.ts instead.
 */
export { SourceError, isPlainObject, notAnObjectMessage, describeJsonKind } from './errors.ts';
export { collectSnapshot, streamOnce } from './stream.ts';
export { RECORD_LIMITS, EXCERPT_CHARS, type RecordLimits } from './limits.ts';
export * from './csv/index.ts';
export { csvFileStream, readCsvSource, newestFile, type CsvSourceOptions } from './csv/read-csv-source.ts';
export * from './pull/index.ts';
export * from './push/index.ts';
