import type { contractField } from '../../../contract/fields.ts';
import type { CsvEncodingOption } from './encoding.ts';
import type { CsvDelimiterOption } from './delimiter.ts';
import type { DateFormatOption } from './dates.ts';

export interface CsvReadOptions {
  /** Column header -> contract field; `Header#2` is the 2nd column named `Header`. */
  mapping: Readonly<Record<string, contractField>>;
  encoding?: CsvEncodingOption;
  delimiter?: CsvDelimiterOption;
  /** 1-based physical line of the header row; auto-detected when absent. */
  headerRow?: number;
  /** How a date column that never disambiguates itself (only 01/02/2026-like values) is read. */
  dateFormat?: DateFormatOption;
}
