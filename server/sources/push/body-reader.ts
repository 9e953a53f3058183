/**
 * A push body, piece by piece -> records: the size limit on the bytes received, UTF-8 (fatal),
 * the format (a JSON array, or NDJSON: one value per line), then one element at a time
 * (element-scanner.ts). Synchronous, so the streamed source and the whole-text wrapper
 * (parsePushBody) are the same code; a whole-body failure throws a PushBodyError with the
 * messages the API always gave.
 */
import type { ReceivedRecord } from '../../core/types.ts';
import { RECORD_LIMITS, limitMessage, type RecordLimits } from '../limits.ts';
import { PushBodyError } from './body-error.ts';
import { BodySyntaxError, ElementScanner, NotAnArrayError } from './element-scanner.ts';
import { jsonErrorOffset } from './json-error.ts';
import { BodyPositions } from './positions.ts';
import { recordFromElement } from './records.ts';

export type PushFormat = 'json' | 'ndjson' | 'auto';

export interface PushReadOptions {
  /** 'json' (default): one array. 'ndjson': one value per non-blank line. 'auto': '[' first means json. */
  format?: PushFormat;
  /** Bytes accepted at most, counted as they arrive: past it, 413. */
  maxBytes: number;
  limits?: RecordLimits;
}

export class PushBodyReader {
  private readonly maxBytes: number;
  private readonly limits: RecordLimits;
  private format: PushFormat;
  private received = 0;
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });
  private readonly positions = new BodyPositions();
  private scanner: ElementScanner | null = null;
  /** Blank text before the first character, held until the format is known (auto). */
  private lead = '';
  private out: ReceivedRecord[] = [];
  private count = 0;
  private malformed = 0;

  constructor(opts: PushReadOptions) {
    this.maxBytes = opts.maxBytes;
    this.limits = opts.limits ?? RECORD_LIMITS;
    this.format = opts.format ?? 'json';
  }

  /** Reads a piece; returns the records it completed. */
  write(bytes: Uint8Array): ReceivedRecord[] {
    this.received += bytes.length;
    if (this.received > this.maxBytes) {
      throw new PushBodyError(413, `Corps de requête trop volumineux : la limite est de ${this.maxBytes} octets.`, 'PAYLOAD_TOO_LARGE');
    }
    this.read(this.decode(() => this.utf8.decode(bytes, { stream: true })));
    return this.take();
  }

  /**
   * A body already decoded (the caller checked its size): read as it is, without the round
   * trip through bytes. Returns the records it completed.
   */
  writeText(text: string): ReceivedRecord[] {
    this.read(text);
    return this.take();
  }

  /** The end of the body: the last records, or why the body as a whole is refused. */
  end(): ReceivedRecord[] {
    this.read(this.decode(() => this.utf8.decode()));
    try {
      this.scannerFor('').end();
    } catch (err) {
      throw this.bodyError(err);
    }
    return this.take();
  }

  meta(): Record<string, string | number> {
    return { format: this.format, bytes: this.received, received: this.count, malformed: this.malformed };
  }

  private decode(read: () => string): string {
    try {
      return read();
    } catch {
      // fatal: a body in another encoding (a Windows-1252 export posted as is) is refused with a
      // clear message rather than integrated with U+FFFD in every accented name.
      throw new PushBodyError(400, 'Le corps n’est pas en UTF-8 : envoyez le JSON encodé en UTF-8.', 'INVALID_ENCODING');
    }
  }

  private read(text: string): void {
    if (text === '') return;
    this.positions.add(text);
    try {
      if (this.scanner === null && this.format === 'auto') {
        // The first character that is not blank says which format: held until then.
        const first = text.search(/[^ \t\r\n]/);
        if (first === -1) {
          this.lead += text;
          return;
        }
        this.format = text[first] === '[' ? 'json' : 'ndjson';
        text = this.lead + text;
        this.lead = '';
      }
      this.scannerFor(text).push(text);
    } catch (err) {
      throw this.bodyError(err);
    }
  }

  private scannerFor(text: string): ElementScanner {
    if (this.scanner !== null) return this.scanner;
    if (this.format === 'auto') this.format = /^[ \t\r\n]*\[/.test(text) ? 'json' : 'ndjson';
    this.scanner = new ElementScanner(this.format === 'ndjson', this.sink, this.limits);
    return this.scanner;
  }

  private readonly sink = {
    element: (text: string, index: number, start: number) => {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        // The element holds the first error of the body: everything before it was read.
        const message = err instanceof Error ? err.message : String(err);
        const stated = / in JSON at position (\d+)/.exec(message);
        // The position stated is within the element: the message gives the body's instead.
        throw new BodySyntaxError(start + (stated ? Number(stated[1]) : jsonErrorOffset(text)), message.replace(stated?.[0] ?? '', ''));
      }
      this.push(recordFromElement(value, index));
    },
    skipped: (index: number, excerpt: string, detail: string) => {
      this.push({ index, raw: excerpt, fields: {}, malformed: limitMessage(index, detail) });
    },
  };

  private push(record: ReceivedRecord): void {
    this.count++;
    if (record.malformed !== undefined) this.malformed++;
    this.out.push(record);
  }

  private take(): ReceivedRecord[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  private bodyError(err: unknown): unknown {
    if (err instanceof NotAnArrayError) {
      return new PushBodyError(
        400,
        `Un tableau JSON de tous les contrats actifs est attendu (expected a JSON array of contracts), reçu ${err.received}.`,
        'NOT_AN_ARRAY',
      );
    }
    if (!(err instanceof BodySyntaxError)) return err;
    if (err.detail === 'corps vide') {
      return new PushBodyError(400, 'Corps de requête vide : un tableau JSON de tous les contrats actifs est attendu.', 'EMPTY_BODY');
    }
    const { line, column, position } = err.offset === 'end' ? this.positions.end() : this.positions.at(err.offset);
    return new PushBodyError(
      400,
      `JSON invalide à la ligne ${line}, colonne ${column} (position ${position}) : ${err.detail}`,
      'INVALID_JSON',
    );
  }
}
