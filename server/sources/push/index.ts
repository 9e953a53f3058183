export { PushBodyError, type PushBodyErrorCode } from './body-error.ts';
export { parsePushBody } from './push.ts';
export { pushRecordStream, PUSH_BATCH_BYTES, PUSH_BATCH_SIZE } from './push-stream.ts';
export { PushBodyReader, type PushFormat, type PushReadOptions } from './body-reader.ts';
export { recordFromElement, recordFromParsed, snapshotFromRecords } from './records.ts';
export { jsonErrorOffset, lineAndColumn } from './json-error.ts';
