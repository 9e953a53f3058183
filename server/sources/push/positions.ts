/**
 * Where a character offset of a body is, as an ERP developer fixing a 20 MB export needs it:
 * line, column and position (what JSON.parse reported on the whole text), counted as the body
 * goes by. Only the last KEPT_CHARS of text are kept; an offset older than that (never one in a
 * record being read: records are bounded) is placed at the oldest text kept.
 */

const KEPT_CHARS = 2 * 1024 * 1024;

interface Piece {
  text: string;
  /** Body offset of text[0], and the line and column there. */
  base: number;
  line: number;
  column: number;
}

export interface BodyPosition {
  line: number;
  /** 1-based, in characters. */
  column: number;
  /** Characters before it. */
  position: number;
}

export class BodyPositions {
  private pieces: Piece[] = [];
  private first = 0;
  private kept = 0;
  private chars = 0;
  private line = 1;
  private column = 0;

  add(text: string): void {
    if (text === '') return;
    this.pieces.push({ text, base: this.chars, line: this.line, column: this.column });
    this.kept += text.length;
    while (this.kept - this.pieces[this.first].text.length >= KEPT_CHARS) {
      const dropped = this.pieces[this.first++];
      this.kept -= dropped.text.length;
      // Let the text go now; the array itself is compacted from time to time.
      dropped.text = '';
    }
    if (this.first > 1024) {
      this.pieces = this.pieces.slice(this.first);
      this.first = 0;
    }
    this.chars += text.length;
    let at = text.indexOf('\n');
    if (at === -1) {
      this.column += text.length;
      return;
    }
    let last = at;
    while (at !== -1) {
      this.line++;
      last = at;
      at = text.indexOf('\n', at + 1);
    }
    this.column = text.length - last - 1;
  }

  end(): BodyPosition {
    return { line: this.line, column: this.column + 1, position: this.chars };
  }

  at(offset: number): BodyPosition {
    if (offset >= this.chars) return this.end();
    let k = this.pieces.length - 1;
    while (k > this.first && this.pieces[k].base > offset) k--;
    const piece = this.pieces[k];
    if (!piece) return { line: 1, column: 1, position: 0 };
    let { line, column } = piece;
    const stop = Math.max(0, offset - piece.base);
    for (let i = piece.text.indexOf('\n'); i !== -1 && i < stop; i = piece.text.indexOf('\n', i + 1)) {
      line++;
      column = -(i + 1);
    }
    return { line, column: column + stop + 1, position: piece.base + stop };
  }
}
