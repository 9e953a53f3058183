/**
 * Checks that a text is one JSON value, without building it and without recursion: the
 * well-kept tokenizer of @streamparser/json gives the tokens, this checks their grammar (a
 * tokenizer accepts `[1 2]`) with one byte of memory per nesting level. Used where a value must
 * be checked but must not be built: a record past a RecordLimits bound (100,000 levels deep,
 * 200 MB...), and a push body that is not an array (refused whole, once known to be JSON).
 */
import { Tokenizer, TokenizerError, TokenType, type ParsedTokenInfo } from '@streamparser/json';

/** Why a text is not JSON, in French; `offset`: where, in bytes of the text checked, or 'end'. */
export class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number | 'end',
    readonly detail: string,
  ) {
    super(detail);
  }
}

const OBJECT = 1;
const ARRAY = 2;

enum Expect {
  Value,
  ValueOrClose,
  KeyOrClose,
  Key,
  Colon,
  CommaOrClose,
  Done,
}

function tokenText(t: ParsedTokenInfo): string {
  if (t.token === TokenType.STRING) {
    const text = JSON.stringify(t.value);
    return text.length > 40 ? `${text.slice(0, 39)}…` : text;
  }
  return String(t.value);
}

function unexpected(t: ParsedTokenInfo, wanted: string): JsonSyntaxError {
  return new JsonSyntaxError(t.offset, `${wanted} attendu, reçu « ${tokenText(t)} »`);
}

export class JsonChecker {
  private readonly tokenizer = new Tokenizer();
  private kinds = new Uint8Array(64);
  private depth = 0;
  private expect = Expect.Value;
  /** The first token: what the value is ("un objet"...). */
  first: ParsedTokenInfo | null = null;

  constructor() {
    this.tokenizer.onToken = (t) => this.token(t);
  }

  /** Throws JsonSyntaxError. */
  write(text: string): void {
    this.call(() => this.tokenizer.write(text));
  }

  /** The end of the value: throws JsonSyntaxError unless it was exactly one complete value. */
  end(): void {
    this.call(() => this.tokenizer.end());
    if (this.first === null) throw new JsonSyntaxError('end', 'aucune valeur');
    if (this.expect !== Expect.Done) throw new JsonSyntaxError('end', 'fin du texte au milieu d’une valeur');
  }

  private call(run: () => void): void {
    try {
      run();
    } catch (err) {
      if (!(err instanceof TokenizerError)) throw err;
      const at = /^Unexpected "(.*)" at chunk position "\d+" \(absolute position "(\d+)"\)/s.exec(err.message);
      throw at
        ? new JsonSyntaxError(Number(at[2]), `caractère inattendu « ${at[1]} »`)
        : new JsonSyntaxError('end', 'fin du texte au milieu d’une valeur');
    }
  }

  private token(t: ParsedTokenInfo): void {
    this.first ??= t;
    switch (this.expect) {
      case Expect.Done:
        throw new JsonSyntaxError(t.offset, `contenu après la fin de la valeur : « ${tokenText(t)} »`);
      case Expect.Colon:
        if (t.token !== TokenType.COLON) throw unexpected(t, '« : »');
        this.expect = Expect.Value;
        break;
      case Expect.CommaOrClose:
        if (t.token === TokenType.COMMA) this.expect = this.kinds[this.depth - 1] === OBJECT ? Expect.Key : Expect.Value;
        else this.close(t);
        break;
      case Expect.KeyOrClose:
        if (t.token === TokenType.RIGHT_BRACE) this.close(t);
        else this.key(t);
        break;
      case Expect.Key:
        this.key(t);
        break;
      case Expect.ValueOrClose:
        if (t.token === TokenType.RIGHT_BRACKET) this.close(t);
        else this.value(t);
        break;
      case Expect.Value:
        this.value(t);
        break;
    }
  }

  private key(t: ParsedTokenInfo): void {
    if (t.token !== TokenType.STRING) throw unexpected(t, 'une clé entre guillemets');
    this.expect = Expect.Colon;
  }

  private value(t: ParsedTokenInfo): void {
    if (t.token === TokenType.LEFT_BRACE || t.token === TokenType.LEFT_BRACKET) {
      if (this.depth === this.kinds.length) {
        const grown = new Uint8Array(this.kinds.length * 2);
        grown.set(this.kinds);
        this.kinds = grown;
      }
      this.kinds[this.depth++] = t.token === TokenType.LEFT_BRACE ? OBJECT : ARRAY;
      this.expect = t.token === TokenType.LEFT_BRACE ? Expect.KeyOrClose : Expect.ValueOrClose;
      return;
    }
    const primitive =
      t.token === TokenType.STRING ||
      t.token === TokenType.NUMBER ||
      t.token === TokenType.TRUE ||
      t.token === TokenType.FALSE ||
      t.token === TokenType.NULL;
    if (!primitive) throw unexpected(t, 'une valeur');
    this.completed();
  }

  private close(t: ParsedTokenInfo): void {
    const kind = this.kinds[this.depth - 1];
    const closes = kind === OBJECT ? TokenType.RIGHT_BRACE : TokenType.RIGHT_BRACKET;
    if (t.token !== closes) throw unexpected(t, kind === OBJECT ? '« , » ou « } »' : '« , » ou « ] »');
    this.depth--;
    this.completed();
  }

  private completed(): void {
    this.expect = this.depth === 0 ? Expect.Done : Expect.CommaOrClose;
  }
}
