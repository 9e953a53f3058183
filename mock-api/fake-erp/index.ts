/** The fake ERP, browser-safe part (the HTTP server lives in server.ts, Node only). */
export { generateErp } from './generate.ts';
export {
  createErpApi,
  erpFetch,
  CONTRATS_PATH,
  DEFAULT_LIMIT,
  MAX_LIMIT,
  type ErpApi,
  type ErpApiOptions,
  type ErpApiResponse,
} from './api.ts';
export { toYpareo, ypareoMapping, type YpareoContrat } from './ypareo.ts';
export { toCsv, toCsvText, csvMapping, csvHeaders, encodeWindows1252, type CsvEncoding } from './csv.ts';
export { addDays, daysBetween, toFr } from './dates.ts';
export type { ErpContract, ErpEvent, FakeErp, FakeErpOptions, DefectKind } from './types.ts';
