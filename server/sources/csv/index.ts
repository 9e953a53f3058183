/** Pure CSV reading (browser-safe). The node-only folder reader is read-csv-source.ts. */
export { readCsv, type CsvReadOptions } from './read-csv.ts';
export { csvRecordStream } from './csv-stream.ts';
export { CSV_BATCH_CHARS, CSV_BATCH_SIZE } from './records.ts';
export { CsvGuessError } from './process.ts';
export { MAX_CELL_CHARS, MAX_ROW_CHARS } from './parse.ts';
export type { CsvEncoding, CsvEncodingOption } from './encoding.ts';
export { detectDelimiter, delimiterCandidates, type CsvDelimiter, type CsvDelimiterOption } from './delimiter.ts';
export { detectDateFormat, toIsoDate, type DateOrder, type DateFormatOption, type ColumnDateFormat } from './dates.ts';
