export { PushBodyError, parsePushBody, snapshotFromRecords } from './push.ts';
export { jsonErrorOffset, lineAndColumn } from './json-error.ts';
