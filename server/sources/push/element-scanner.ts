/**
 * Finds the elements of a push body in its text, piece by piece: the values of the top array,
 * or one value per line (NDJSON). It only follows strings and brackets (native regex searches),
 * so finding an element costs little; the element's text is then parsed by JSON.parse, the
 * fastest and best-kept JSON parser there is. Bounds are checked while finding: an element
 * past one (RecordLimits) is not kept nor parsed but checked token by token (JsonChecker,
 * without recursion) while the scanner goes on to its end, and handed over as an excerpt.
 * Memory: one element (at most maxRecordChars) plus one piece, whatever the body.
 */
import { TokenType, type ParsedTokenInfo } from '@streamparser/json';
import { RECORD_LIMITS, EXCERPT_CHARS, limitDetail, type LimitKind, type RecordLimits } from '../limits.ts';
import { JsonChecker, JsonSyntaxError } from './json-checker.ts';
import { NextIndex } from '../next-index.ts';

/** A syntax error outside any element, at a character offset of the body (or its end). */
export class BodySyntaxError extends Error {
  constructor(
    readonly offset: number | 'end',
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** A JSON body whose top value is valid but not an array: what it is, in words. */
export class NotAnArrayError extends Error {
  constructor(readonly received: string) {
    super(received);
  }
}

export interface ElementSink {
  /** A complete element within the bounds: its text, and its first character's offset in the body. */
  element(text: string, index: number, start: number): void;
  /** An element past a bound, checked to be JSON; `excerpt`: its first characters. */
  skipped(index: number, excerpt: string, detail: string, start: number): void;
}

enum State {
  /** JSON: before the '[' of the top array. */
  BeforeArray,
  /** After '[': a value or ']'. */
  First,
  /** A value expected (after ',' in an array; at a line's start in NDJSON). */
  Value,
  Element,
  /** After an element: ',' or ']' (JSON), the end of the line (NDJSON). */
  After,
  /** The top array closed: only blank space may follow. */
  Done,
  /** JSON whose top value is not an array: checked to its end, then refused. */
  NotArray,
}

/** Where a number or a literal (true, false, null) ends: blank, punctuation, a quote. */
const BARE_END = new Set([0x20, 0x09, 0x0a, 0x0d, 0x2c, 0x5d, 0x7d, 0x5b, 0x7b, 0x22, 0x3a]);

const isBlank = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

export class ElementScanner {
  /** The piece being read. */
  private text = '';
  /** The element being kept, as far as earlier pieces hold it (a piece is never copied whole). */
  private parts: string[] = [];
  /** Body offset of text[0]. */
  private base = 0;
  private pos = 0;
  private state: State;
  /** Backslashes are rare in contracts: where the next one is, remembered per text. */
  private backslashes = new NextIndex('\\');
  // The element being read.
  private index = 0;
  /** Its start in `text` while it is kept (-1 once skipped); its start in the body. */
  private kept = -1;
  private start = 0;
  private depth = 0;
  private objects: Uint8Array;
  private keys: Int32Array;
  private inString = false;
  private escaped = false;
  private stringStart = 0;
  private bare = false;
  /** Set once the element goes past a bound: the bound, its excerpt, its checker, how far it was fed. */
  private skip: string | null = null;
  private excerpt = '';
  private checker: JsonChecker | null = null;
  private fed = 0;

  constructor(
    private readonly lines: boolean,
    private readonly sink: ElementSink,
    private readonly limits: RecordLimits = RECORD_LIMITS,
  ) {
    this.state = lines ? State.Value : State.BeforeArray;
    this.objects = new Uint8Array(limits.maxDepth + 2);
    this.keys = new Int32Array(limits.maxDepth + 2);
  }

  push(piece: string): void {
    // The text before was read to its end; an element it began goes on in this piece.
    if (this.kept >= 0 && this.kept < this.text.length) this.parts.push(this.text.slice(this.kept));
    this.base += this.text.length;
    this.text = piece;
    this.pos = 0;
    this.fed = 0;
    if (this.kept >= 0) this.kept = 0;
    this.backslashes = new NextIndex('\\');
    this.scan();
  }

  /** The end of the body: throws what makes it refused as a whole. */
  end(): void {
    this.scan();
    if (this.state === State.Element) {
      if (!this.bare) throw new BodySyntaxError('end', 'fin du corps au milieu d’une valeur');
      this.finishBare(this.text.length);
    }
    if (this.state === State.NotArray) {
      const checker = this.checker as JsonChecker;
      this.checked(() => checker.end());
      const first = checker.first as ParsedTokenInfo;
      throw new NotAnArrayError(
        first.token === TokenType.LEFT_BRACE ? 'un objet' : first.token === TokenType.STRING ? 'une chaîne' : JSON.stringify(first.value),
      );
    }
    if (!this.lines && this.state === State.BeforeArray) throw new BodySyntaxError('end', 'corps vide');
    if (this.lines && this.index === 0 && this.state === State.Value) throw new BodySyntaxError('end', 'corps vide');
    if (!this.lines && this.state !== State.Done) throw new BodySyntaxError('end', 'fin du corps avant la fin du tableau JSON');
  }

  private error(at: number, detail: string): BodySyntaxError {
    return new BodySyntaxError(this.base + at, detail);
  }

  private scan(): void {
    const text = this.text;
    const n = text.length;
    while (this.pos < n) {
      switch (this.state) {
        case State.Element:
          if (!this.scanElement()) return;
          this.state = State.After;
          break;
        case State.NotArray:
          this.feed(n);
          this.pos = n;
          return;
        case State.After: {
          const c = this.skipBlank(!this.lines);
          if (c === -1) return;
          if (this.lines) {
            if (c !== 0x0a) throw this.error(this.pos, `une seule valeur JSON par ligne, reçu ensuite « ${text[this.pos]} »`);
            this.state = State.Value;
          } else if (c === 0x2c) this.state = State.Value;
          else if (c === 0x5d) this.state = State.Done;
          else throw this.error(this.pos, `« , » ou « ] » attendu, reçu « ${text[this.pos]} »`);
          this.pos++;
          break;
        }
        case State.Done:
          if (this.skipBlank(true) !== -1) throw this.error(this.pos, `contenu après la fin du tableau JSON : « ${text[this.pos]} »`);
          return;
        case State.BeforeArray: {
          const c = this.skipBlank(true);
          if (c === -1) return;
          if (c === 0x5b) {
            this.pos++;
            this.state = State.First;
          } else {
            this.state = State.NotArray;
            this.start = this.base + this.pos;
            this.checker = new JsonChecker();
            this.fed = this.pos;
          }
          break;
        }
        case State.First:
        case State.Value: {
          const c = this.skipBlank(true);
          if (c === -1) return;
          if (c === 0x5d && this.state === State.First) {
            this.pos++;
            this.state = State.Done;
            break;
          }
          if (c === 0x2c || c === 0x5d || c === 0x7d || c === 0x3a)
            throw this.error(this.pos, `une valeur attendue, reçu « ${text[this.pos]} »`);
          this.begin();
          this.state = State.Element;
          break;
        }
      }
    }
  }

  /** The next character that is not blank (not moving past it), or -1 when the text ends first. */
  private skipBlank(newlines: boolean): number {
    const text = this.text;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (!isBlank(c) || (c === 0x0a && !newlines)) return c;
      this.pos++;
    }
    return -1;
  }

  private begin(): void {
    this.kept = this.pos;
    this.parts = [];
    this.start = this.base + this.pos;
    this.depth = 0;
    this.skip = null;
    this.excerpt = '';
    this.checker = null;
    const c = this.text.charCodeAt(this.pos);
    this.inString = c === 0x22;
    this.escaped = false;
    this.bare = c !== 0x22 && c !== 0x7b && c !== 0x5b;
    if (this.inString) {
      this.stringStart = this.start;
      this.pos++;
    }
  }

  /** Reads on in the element; true once it is complete (and handed over). */
  private scanElement(): boolean {
    const text = this.text;
    const n = text.length;
    if (this.bare) {
      let i = this.pos;
      while (i < n && !BARE_END.has(text.charCodeAt(i))) i++;
      this.pos = i;
      if (i < n) {
        this.finishBare(i);
        return true;
      }
      if (this.base + n - this.start > this.limits.maxRecordChars) throw this.error(n, limitDetail('size', this.limits));
      return false;
    }
    for (;;) {
      if (this.inString) {
        if (this.escaped) {
          if (this.pos >= n) return this.pause();
          this.pos++;
          this.escaped = false;
        }
        // indexOf, not a regex: no match object per string (3.5 million strings per 100,000 contracts).
        const quote = text.indexOf('"', this.pos);
        const backslash = this.backslashes.find(text, this.pos);
        if (backslash !== -1 && (quote === -1 || backslash < quote)) {
          this.pos = backslash + 1;
          this.escaped = true;
          continue;
        }
        if (quote === -1) {
          this.pos = n;
          this.measureString(n);
          return this.pause();
        }
        this.pos = quote + 1;
        this.inString = false;
        this.measureString(quote);
        if (this.depth === 0) return this.finish(this.pos);
        continue;
      }
      let i = this.pos;
      let c = 0;
      // Between strings: punctuation, numbers, literals, blanks, a few characters at a time.
      for (; i < n; i++) {
        c = text.charCodeAt(i);
        if (c === 0x22 || c === 0x7b || c === 0x7d || c === 0x5b || c === 0x5d || c === 0x3a || (c === 0x0a && this.lines)) break;
      }
      if (i >= n) {
        this.pos = n;
        this.measureSize();
        return this.pause();
      }
      this.pos = i + 1;
      switch (c) {
        case 0x22:
          this.inString = true;
          this.stringStart = this.base + i;
          break;
        case 0x7b:
        case 0x5b: {
          const depth = ++this.depth;
          if (depth > this.limits.maxDepth) {
            if (this.skip === null) this.reject('depth');
          } else {
            this.objects[depth] = c === 0x7b ? 1 : 0;
            this.keys[depth] = 0;
          }
          break;
        }
        case 0x7d:
        case 0x5d:
          if (--this.depth <= 0) return this.finish(this.pos);
          break;
        case 0x3a:
          if (this.skip === null && this.objects[this.depth] === 1 && ++this.keys[this.depth] > this.limits.maxKeys) this.reject('keys');
          break;
        case 0x0a:
          throw this.error(i, 'valeur JSON incomplète en fin de ligne (une valeur par ligne)');
      }
      this.measureSize();
    }
  }

  private measureString(end: number): void {
    const length = this.base + end - this.stringStart - 1;
    if (this.skip === null && length > this.limits.maxStringLength) this.reject('string', length);
  }

  private measureSize(): void {
    if (this.skip === null && this.base + this.pos - this.start > this.limits.maxRecordChars) this.reject('size');
  }

  /** More text is needed; a skipped element's text read so far is checked and dropped. */
  private pause(): false {
    if (this.skip !== null) this.feed(this.pos);
    return false;
  }

  private reject(kind: LimitKind, value?: number): void {
    this.skip = limitDetail(kind, this.limits, value);
    this.checker = new JsonChecker();
    for (const part of this.parts) this.check(part);
    this.parts = [];
    this.fed = this.kept;
    this.kept = -1;
  }

  /** Checks the skipped element's text up to `to`. */
  private feed(to: number): void {
    if (to <= this.fed) return;
    this.check(this.text.slice(this.fed, to));
    this.fed = to;
  }

  /** Checks a part of the skipped element, keeping its first characters as the excerpt. */
  private check(part: string): void {
    if (this.excerpt.length <= EXCERPT_CHARS) this.excerpt += part.slice(0, EXCERPT_CHARS + 1 - this.excerpt.length);
    const checker = this.checker as JsonChecker;
    this.checked(() => checker.write(part));
  }

  private checked(run: () => void): void {
    try {
      run();
    } catch (err) {
      if (!(err instanceof JsonSyntaxError)) throw err;
      // Its offset counts UTF-8 bytes of a text no longer kept: the element's start is what can be named.
      const which = this.state === State.NotArray ? '' : `dans l’élément ${this.index + 1} (index ${this.index}) commençant ici : `;
      throw new BodySyntaxError(this.start, `${which}${err.detail}`);
    }
  }

  private finishBare(end: number): void {
    this.pos = end;
    this.finish(end);
    this.state = State.After;
  }

  private finish(end: number): true {
    const index = this.index++;
    if (this.skip === null) {
      const last = this.text.slice(this.kept, end);
      this.sink.element(this.parts.length === 0 ? last : [...this.parts, last].join(''), index, this.start);
      this.parts = [];
    } else {
      this.feed(end);
      const checker = this.checker as JsonChecker;
      this.checked(() => checker.end());
      const excerpt = this.excerpt.length > EXCERPT_CHARS ? `${this.excerpt.slice(0, EXCERPT_CHARS - 1)}…` : this.excerpt;
      this.sink.skipped(index, excerpt, this.skip, this.start);
    }
    this.kept = -1;
    this.skip = null;
    this.checker = null;
    return true;
  }
}
