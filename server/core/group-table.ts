/**
 * The cross-record index's groups (cross-check.ts): a 30-bit group key -> the first occurrence's
 * attribute, or SUSPECT once a later occurrence differs. An open-addressing table over typed
 * arrays instead of a Map<number, number>: a 100,000-record run notes 700,000 occurrences, and
 * a Map's entries (and the heap numbers of 53-bit attributes) cost a third of a second of the
 * importing thread and tens of megabytes of its bounded heap at a million records; here they are
 * 12 bytes a slot, outside the heap, probed in place.
 */

/** What a group is once two of its occurrences differ. */
export const SUSPECT = -1;
const EMPTY = -1;
/** Grown (doubled) past this share of its slots in use. */
const MAX_LOAD = 0.7;

export class GroupTable {
  private keys: Int32Array;
  private attrs: Float64Array;
  private mask: number;
  private used = 0;
  private suspects = 0;

  /** A table that holds `keys` groups without growing (doubling it rehashes every group). */
  static forKeys(keys: number): GroupTable {
    return new GroupTable(Math.ceil(keys / MAX_LOAD) + 1);
  }

  constructor(capacity = 1024) {
    let size = 16;
    while (size < capacity) size *= 2;
    this.keys = new Int32Array(size).fill(EMPTY);
    this.attrs = new Float64Array(size);
    this.mask = size - 1;
  }

  /**
   * One occurrence of group `key` (0 <= key < 2^31) with its attribute: the first is kept; a later
   * one makes the group suspect when `always`, or when its attribute differs (NaN differs from
   * everything, itself included, as with ===).
   */
  note(key: number, attr: number, always: boolean): void {
    const keys = this.keys;
    // Keys are hashes already: their low bits spread well.
    for (let i = key & this.mask; ; i = (i + 1) & this.mask) {
      const k = keys[i];
      if (k === EMPTY) {
        keys[i] = key;
        this.attrs[i] = attr;
        if (++this.used > MAX_LOAD * keys.length) this.grow();
        return;
      }
      if (k === key) {
        const first = this.attrs[i];
        if (first !== SUSPECT && (always || attr !== first)) {
          this.attrs[i] = SUSPECT;
          this.suspects++;
        }
        return;
      }
    }
  }

  /** Whether the group of `key` is suspect. */
  suspect(key: number): boolean {
    if (this.suspects === 0) return false;
    const keys = this.keys;
    for (let i = key & this.mask; ; i = (i + 1) & this.mask) {
      const k = keys[i];
      if (k === EMPTY) return false;
      if (k === key) return this.attrs[i] === SUSPECT;
    }
  }

  /** Some group is suspect. */
  get anySuspect(): boolean {
    return this.suspects > 0;
  }

  /** Slots: grows (doubles) past MAX_LOAD of them in use. */
  get slots(): number {
    return this.keys.length;
  }

  /** Groups noted. */
  get size(): number {
    return this.used;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldAttrs = this.attrs;
    const size = oldKeys.length * 2;
    this.keys = new Int32Array(size).fill(EMPTY);
    this.attrs = new Float64Array(size);
    this.mask = size - 1;
    for (let j = 0; j < oldKeys.length; j++) {
      const key = oldKeys[j];
      if (key === EMPTY) continue;
      let i = key & this.mask;
      while (this.keys[i] !== EMPTY) i = (i + 1) & this.mask;
      this.keys[i] = key;
      this.attrs[i] = oldAttrs[j];
    }
  }
}
