/** Pure CSV reading (browser-safe). The node-only folder reader is read-csv-source.ts. */
export { readCsv, type CsvReadOptions } from './read-csv.ts';
export { decodeBytes, type CsvEncoding, type CsvEncodingOption, type DecodedText } from './decode.ts';
export { detectDelimiter, delimiterCandidates, type CsvDelimiter, type CsvDelimiterOption } from './delimiter.ts';
export { detectDateFormat, toIsoDate, type DateOrder, type DateFormatOption, type ColumnDateFormat } from './dates.ts';
