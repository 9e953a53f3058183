/**
 * The folded words of an organisation's integrated contracts, kept in memory beside their ranks
 * (integrated-ranks.ts) for PostgreSQL's admin search: the matching ids without a statement.
 *
 * In PostgreSQL the full-text index gives only row addresses: every one of the ~1,000 contracts
 * a first name matches is then read from the table (its id, its org and status rechecked), about
 * 1,000 page visits, half of a search's database time. The integrated contracts change only when
 * a run is applied, so, as the ranks, this index is read once per applied run.
 *
 * Same rule as common/search.ts: every query word is the prefix of some word of the contract.
 */
import { ownCopy } from '../../core/interner.ts';
import { lowerBound } from './integrated-ranks.ts';

const SPACE = 32;
const NEWLINE = 10;

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** The position of `id` in the ascending `ids`, searched from `from` (lines mostly come in id order), or -1. */
function positionOf(ids: Float64Array, id: number, from: number): number {
  let lo = from < ids.length && ids[from] <= id ? from : 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid] < id) lo = mid + 1;
    else hi = mid;
  }
  return lo < ids.length && ids[lo] === id ? lo : -1;
}

export class WordIndex {
  /** The distinct words, sorted. */
  private readonly words: string[];
  /** postings[starts[k] .. starts[k + 1]]: the positions (in `ids`) of the contracts holding words[k]. */
  private readonly starts: Int32Array;
  private readonly postings: Int32Array;
  /** The contracts' ids, ascending: postings hold positions, half the size of the ids. */
  private readonly ids: Float64Array;

  private constructor(ids: Float64Array, words: string[], starts: Int32Array, postings: Int32Array) {
    this.ids = ids;
    this.words = words;
    this.starts = starts;
    this.postings = postings;
  }

  /**
   * @param ids the contracts' ids, ascending
   * @param lines one line per contract, `id word word …` (words without spaces or line breaks,
   *   as the folded words are); a line of an id not in `ids` is ignored
   */
  static async build(ids: Float64Array, lines: string): Promise<WordIndex> {
    // (word number, position) pairs, then grouped by word with a counting sort: far fewer
    // objects than a list of ids per word. Read by hand (no split): half the time.
    const numbers = new Map<string, number>();
    const distinct: string[] = [];
    let pairWords = new Int32Array(1024);
    let pairPositions = new Int32Array(1024);
    let pairs = 0;
    let position = -1;
    let from = 0;
    let start = 0;
    let first = true;
    for (let i = 0, n = 0; i <= lines.length; i++) {
      const c = i < lines.length ? lines.charCodeAt(i) : NEWLINE;
      if (c !== SPACE && c !== NEWLINE) continue;
      if (first) {
        position = positionOf(ids, Number(lines.slice(start, i)), from);
        if (position >= 0) from = position;
      } else if (position >= 0 && i > start) {
        const w = lines.slice(start, i);
        let k = numbers.get(w);
        if (k === undefined) {
          k = distinct.length;
          numbers.set(w, k);
          // Its own copy: a slice would keep the whole loaded text alive with the index (see ownCopy).
          distinct.push(ownCopy(w));
        }
        if (pairs === pairWords.length) {
          pairWords = grow(pairWords);
          pairPositions = grow(pairPositions);
        }
        pairWords[pairs] = k;
        pairPositions[pairs++] = position;
      }
      first = c === NEWLINE;
      start = i + 1;
      // A million contracts take seconds: other requests are served meanwhile.
      if (first && ++n % 20_000 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const order = distinct.map((_, k) => k).sort((a, b) => (distinct[a] < distinct[b] ? -1 : distinct[a] > distinct[b] ? 1 : 0));
    const slot = new Int32Array(distinct.length);
    order.forEach((k, i) => {
      slot[k] = i;
    });
    const starts = new Int32Array(distinct.length + 1);
    for (let e = 0; e < pairs; e++) starts[slot[pairWords[e]] + 1]++;
    for (let i = 0; i < distinct.length; i++) starts[i + 1] += starts[i];
    const next = starts.slice(0, distinct.length);
    const postings = new Int32Array(pairs);
    for (let e = 0; e < pairs; e++) postings[next[slot[pairWords[e]]]++] = pairPositions[e];
    return new WordIndex(
      ids,
      order.map((k) => distinct[k]),
      starts,
      postings,
    );
  }

  /**
   * The ids (ascending) of the contracts where every query word is the prefix of one of their
   * words; null for more query words than the counters hold (the caller asks the database).
   * Query words must not be empty (common/search.ts queryWords never gives one).
   */
  matches(qWords: readonly string[]): number[] | null {
    if (qWords.length === 0) throw new Error('no query word');
    if (qWords.length > 0xfffe) return null;
    // seen[p] = how many query words, in order, contract p matched so far: one pass per word,
    // a contract holding several words with the same prefix counted once.
    const seen = new Uint16Array(this.ids.length);
    const last = qWords.length - 1;
    const found: number[] = [];
    for (let j = 0; j <= last; j++) {
      const q = qWords[j];
      for (let k = lowerBound(this.words, q); k < this.words.length && this.words[k].startsWith(q); k++) {
        for (let e = this.starts[k]; e < this.starts[k + 1]; e++) {
          const p = this.postings[e];
          if (seen[p] !== j) continue;
          seen[p] = j + 1;
          if (j === last) found.push(p);
        }
      }
    }
    // A typed array's sort is numeric and native: a third of the time of a comparator's.
    const sorted = Int32Array.from(found).sort();
    const out = new Array<number>(sorted.length);
    for (let i = 0; i < sorted.length; i++) out[i] = this.ids[sorted[i]];
    return out;
  }
}
