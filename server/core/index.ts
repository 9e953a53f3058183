/** The pure import core: safe to bundle for the browser (no Node APIs, no clock, no I/O). */
export * from './types.ts';
export { parseDate, parisDate } from './dates.ts';
export { fold } from './search.ts';
export { normalise, type Normalised } from './normalise.ts';
export { validateRecord, isValidEmail } from './validate-record.ts';
export { crossCheck, CrossCheckIndex, type IndexedRecord } from './cross-check.ts';
export { sessionRefOf, sessionReason, SessionCollector } from './sessions.ts';
export { diffRecords, recordFields, sameRecord } from './diff.ts';
export { fingerprint } from './fingerprint.ts';
export { memorySpool, memorySpools, batchesOf, type Spool, type SpoolFactory } from './spool.ts';
export {
  importRecords,
  guardOf,
  indexKey,
  learnerOf,
  type CheckedRecord,
  type ImportInput,
  type ImportPhase,
  type ImportProgress,
  type ImportResult,
  type Verdict,
} from './import-records.ts';
export { runImport, snapshotStream, stateReaderOf, collect } from './run-import.ts';
