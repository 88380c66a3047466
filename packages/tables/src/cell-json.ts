import { DataType, DateUnit, TimeUnit, type Data, type Vector } from 'apache-arrow';

const FRACTION_DIGITS: Readonly<Record<number, number>> = {
  [TimeUnit.SECOND]: 0,
  [TimeUnit.MILLISECOND]: 3,
  [TimeUnit.MICROSECOND]: 6,
  [TimeUnit.NANOSECOND]: 9,
};

/** The chunk of `vector` that holds row `index`, and the row's index inside it. */
export function locate(
  vector: Vector<DataType>,
  index: number,
): { data: Data<DataType>; at: number } {
  let at = index;
  for (const data of vector.data) {
    if (at < data.length) return { data, at };
    at -= data.length;
  }
  throw new RangeError(`row ${index} is past the end of a column of ${vector.length} rows`);
}

/** An instant stored as `raw` units since the epoch, as an ISO 8601 UTC text with every digit. */
export function timestampIso(raw: bigint, unit: TimeUnit): string {
  const digits = FRACTION_DIGITS[unit] ?? 0;
  const perSecond = 10n ** BigInt(digits);
  let seconds = raw / perSecond;
  let fraction = raw % perSecond;
  if (fraction < 0n) {
    fraction += perSecond;
    seconds -= 1n;
  }
  const base = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  return digits === 0 ? `${base}Z` : `${base}.${fraction.toString().padStart(digits, '0')}Z`;
}

/** The exact decimal text of the `at`-th value of a decimal column (`-12.345`). */
export function decimalText(data: Data, at: number): string {
  const type = data.type as DataType & { scale: number; bitWidth: number };
  const words = type.bitWidth / 32;
  const values = data.values as Uint32Array;
  let unscaled = 0n;
  for (let w = words - 1; w >= 0; w--)
    unscaled = (unscaled << 32n) | BigInt(values[at * words + w] ?? 0);
  if (unscaled >= 1n << BigInt(type.bitWidth - 1)) unscaled -= 1n << BigInt(type.bitWidth);
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(type.scale + 1, '0');
  const whole = digits.slice(0, digits.length - type.scale);
  const text = type.scale > 0 ? `${whole}.${digits.slice(digits.length - type.scale)}` : whole;
  return negative ? `-${text}` : text;
}

function number(n: number): number | string {
  return Number.isFinite(n) ? n : String(n);
}

function bigint(n: bigint): number | string {
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(n)
    : n.toString();
}

/** A value as JSON can hold it: a nested Arrow value (list, struct, map) walked recursively. */
function plain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return number(value);
  if (typeof value === 'bigint') return bigint(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'object') return value;
  const v = value as { toArray?: () => unknown; toJSON?: () => unknown };
  if (typeof v.toArray === 'function') return Array.from(v.toArray() as ArrayLike<unknown>, plain);
  const json = typeof v.toJSON === 'function' ? v.toJSON() : value;
  if (Array.isArray(json)) return json.map(plain);
  return Object.fromEntries(Object.entries(json as object).map(([k, x]) => [k, plain(x)]));
}

/**
 * Row `index` of an Arrow column as a JSON-safe value: 64-bit integers as numbers when exact,
 * else as text; NaN and infinities as text; timestamps as ISO UTC text with all their digits;
 * dates as `YYYY-MM-DD`; decimals as exact text; binary as base64; null for null.
 */
export function cellJson(vector: Vector<DataType>, index: number): unknown {
  const { data, at } = locate(vector, index);
  if (!data.getValid(at)) return null;
  const type = data.type;
  if (DataType.isTimestamp(type))
    return timestampIso((data.values as BigInt64Array)[at] ?? 0n, type.unit);
  if (DataType.isDate(type)) {
    const ms =
      type.unit === DateUnit.DAY
        ? ((data.values as Int32Array)[at] ?? 0) * 86_400_000
        : Number((data.values as BigInt64Array)[at] ?? 0n);
    const iso = new Date(ms).toISOString();
    return type.unit === DateUnit.DAY ? iso.slice(0, 10) : iso;
  }
  if (DataType.isDecimal(type)) return decimalText(data, at);
  return plain(vector.get(index));
}
