/** How many distinct values are counted exactly before the estimate takes over. */
export const EXACT_DISTINCT_LIMIT = 100_000;
/** How many distinct values get an exact count before the sketch switches to Misra–Gries. */
export const EXACT_COUNT_LIMIT = 16_384;
/** How many frequent values the sketch keeps counters for once counting is no longer exact. */
export const TOP_COUNTERS = 256;
/** How many top values a column's stats list. */
export const TOP_VALUES = 5;

const HLL_BITS = 12;
const HLL_SIZE = 1 << HLL_BITS;

function mix(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** A 53-bit hash of `bytes[start, end)`: two FNV-1a passes mixed, safe as a Map key. */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = start; i < end; i++) {
    const v = bytes[i] as number;
    a = Math.imul(a ^ v, 0x01000193);
    b = Math.imul(b ^ v, 0x01000193) ^ (b >>> 15);
  }
  return mix(a) * 0x200000 + (mix(b ^ (end - start)) >>> 11);
}

/** A 53-bit hash of a string's UTF-16 code units, mixed as {@link hashBytes} mixes bytes. */
export function hashString(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const v = text.charCodeAt(i);
    a = Math.imul(a ^ v, 0x01000193);
    b = Math.imul(b ^ v, 0x01000193) ^ (b >>> 15);
  }
  return mix(a) * 0x200000 + (mix(b ^ text.length) >>> 11);
}

/** A frequent value the sketch kept, with its count (exact when `exact`, else a lower bound). */
export interface TopValue<L> {
  readonly label: L;
  readonly count: number;
}

/**
 * One pass over a column's values (as hashes): an exact distinct count up to
 * `EXACT_DISTINCT_LIMIT`, then a HyperLogLog estimate (4,096 registers, ~1.6 % error), and the
 * most frequent values: counted exactly while the column has at most `EXACT_COUNT_LIMIT`
 * distinct values, then by the Misra–Gries algorithm with `TOP_COUNTERS` counters (a value
 * seen more than n / 257 times is kept; its count is a lower bound, short by at most n / 257).
 */
export class ValueSketch<L> {
  private readonly registers = new Uint8Array(HLL_SIZE);
  private seen: Set<number> | undefined = new Set();
  private readonly counters = new Map<number, number>();
  private readonly labels = new Map<number, L>();
  private decremented = false;

  /**
   * Counts one value by its hash. Returns true when the value just got a counter: the caller then
   * gives its label with {@link ValueSketch.label} (so values are decoded only when kept).
   */
  add(hash: number): boolean {
    const high = Math.floor(hash / 0x200000) >>> 0;
    const index = high >>> (32 - HLL_BITS);
    const rank = Math.clz32(((high << HLL_BITS) | (1 << (HLL_BITS - 1))) >>> 0) + 1;
    if (rank > (this.registers[index] as number)) this.registers[index] = rank;
    if (this.seen !== undefined) {
      this.seen.add(hash);
      if (this.seen.size > EXACT_DISTINCT_LIMIT) this.seen = undefined;
    }
    const count = this.counters.get(hash);
    if (count !== undefined) this.counters.set(hash, count + 1);
    else if (this.counters.size < (this.decremented ? TOP_COUNTERS : EXACT_COUNT_LIMIT)) {
      this.counters.set(hash, 1);
      return true;
    } else if (!this.decremented) this.shrink();
    else this.decrementAll();
    return false;
  }

  /**
   * Counts `n` occurrences of one value at once: the same result as `n` calls of
   * {@link ValueSketch.add}, in O(1) while counting is exact. Returns true when the value just got
   * a counter (give its label then).
   */
  addMany(hash: number, n: number): boolean {
    let labelled = this.add(hash);
    if (n <= 1) return labelled;
    const count = this.counters.get(hash);
    if (!this.decremented && count !== undefined) this.counters.set(hash, count + n - 1);
    else for (let i = 1; i < n; i++) labelled = this.add(hash) || labelled;
    return labelled;
  }

  /**
   * How many more distinct values are sure to be counted exactly (0 once counting is
   * approximate): a caller may count up to that many values apart and add them with
   * {@link ValueSketch.addMany} in any order, with the same result as value by value.
   */
  exactRoom(): number {
    return this.decremented ? 0 : EXACT_COUNT_LIMIT - this.counters.size;
  }

  /** Sets the label of a value {@link ValueSketch.add} just gave a counter. */
  label(hash: number, label: L): void {
    this.labels.set(hash, label);
  }

  /**
   * Leaves exact counting: keeps the `TOP_COUNTERS` largest counts, each lowered by the next
   * largest count (and this value, dropped), as Misra–Gries would have them.
   */
  private shrink(): void {
    const sorted = [...this.counters].sort((x, y) => y[1] - x[1]);
    const cut = sorted[TOP_COUNTERS]?.[1] ?? 0;
    this.counters.clear();
    for (const [key, count] of sorted.slice(0, TOP_COUNTERS))
      if (count > cut) this.counters.set(key, count - cut);
    for (const key of [...this.labels.keys()]) if (!this.counters.has(key)) this.labels.delete(key);
    this.decremented = true;
  }

  private decrementAll(): void {
    this.decremented = true;
    for (const [key, count] of this.counters) {
      if (count <= 1) {
        this.counters.delete(key);
        this.labels.delete(key);
      } else this.counters.set(key, count - 1);
    }
  }

  /** The number of distinct values, and whether it is exact. */
  distinct(): { distinct: number; exact: boolean } {
    if (this.seen !== undefined) return { distinct: this.seen.size, exact: true };
    let sum = 0;
    let zeros = 0;
    for (const r of this.registers) {
      sum += 2 ** -r;
      if (r === 0) zeros++;
    }
    const alpha = 0.7213 / (1 + 1.079 / HLL_SIZE);
    const raw = (alpha * HLL_SIZE * HLL_SIZE) / sum;
    const estimate =
      raw <= 2.5 * HLL_SIZE && zeros > 0 ? HLL_SIZE * Math.log(HLL_SIZE / zeros) : raw;
    return { distinct: Math.round(estimate), exact: false };
  }

  /** The most frequent values, most frequent first, and whether their counts are exact. */
  top(n = TOP_VALUES): { top: TopValue<L>[]; exact: boolean } {
    const top = [...this.counters]
      .sort((x, y) => y[1] - x[1])
      .slice(0, n)
      .map(([key, count]) => ({ label: this.labels.get(key) as L, count }));
    return { top, exact: !this.decremented };
  }
}
