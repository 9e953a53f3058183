/** The browser-safe part of the source adapters (no node: imports): CSV preview and push parsing. */
export * from './csv/index.ts';
export { PushBodyError, parsePushBody, pushRecordStream, snapshotFromRecords } from './push/index.ts';
export { collectSnapshot } from './stream.ts';
export { SourceError } from './errors.ts';
