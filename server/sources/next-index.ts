/**
 * A remembered indexOf, for text read piece by piece: the first `ch` at or after `from` is at
 * `at`, or there is none before `end` (at = -1). Searches that a stray quote (CSV) or a rare
 * character (a backslash in JSON, a Windows-1252 byte read as a C1 control) would repeat to the
 * end of the text each time cost nothing after the first, instead of making reading quadratic.
 * `ch` is one character, or a class of characters as a global regular expression.
 */
export class NextIndex {
  private from = 0;
  private at = -1;
  private end = 0;
  private readonly search: (text: string, from: number) => number;

  constructor(ch: string | RegExp) {
    if (typeof ch === 'string') this.search = (text, from) => text.indexOf(ch, from);
    else {
      if (!ch.global) throw new Error('NextIndex needs a global regular expression');
      this.search = (text, from) => {
        ch.lastIndex = from;
        return ch.exec(text)?.index ?? -1;
      };
    }
  }

  find(text: string, from: number): number {
    let searchFrom = from;
    if (from >= this.from) {
      if (this.at !== -1) {
        if (from <= this.at) return this.at;
      } else if (this.end >= text.length) return -1;
      else searchFrom = Math.max(from, this.end);
    }
    this.at = this.search(text, searchFrom);
    this.from = from;
    this.end = text.length;
    return this.at;
  }

  /** The text lost its first `by` characters: what is remembered of the rest stays true, shifted. */
  shift(by: number): void {
    if (this.at !== -1 && this.at < by) {
      this.from = this.end = 0;
      this.at = -1;
      return;
    }
    this.from = Math.max(0, this.from - by);
    if (this.at !== -1) this.at -= by;
    this.end = Math.max(0, this.end - by);
  }
}
