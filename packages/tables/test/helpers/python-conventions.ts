import { DataType, TimeUnit, type Table, type Vector } from 'apache-arrow';

const PER_SECOND: Readonly<Record<number, bigint>> = {
  [TimeUnit.SECOND]: 1n,
  [TimeUnit.MILLISECOND]: 1_000n,
  [TimeUnit.MICROSECOND]: 1_000_000n,
  [TimeUnit.NANOSECOND]: 1_000_000_000n,
};
const UNIT_NAMES: Readonly<Record<number, string>> = {
  [TimeUnit.SECOND]: 's',
  [TimeUnit.MILLISECOND]: 'ms',
  [TimeUnit.MICROSECOND]: 'us',
  [TimeUnit.NANOSECOND]: 'ns',
};

/**
 * Python's `datetime.isoformat()` text (`2026-01-02T04:04:05.678901+01:00`, or naive) as a count
 * of `perSecond` units since the epoch (a naive time is read as UTC, as Arrow stores it).
 */
export function isoToEpoch(iso: string, perSecond: bigint): bigint {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?$/.exec(iso);
  if (m === null) throw new Error(`not an ISO time: ${iso}`);
  const seconds = BigInt(Date.parse(`${m[1] as string}${m[3] ?? 'Z'}`) / 1000);
  const digits = m[2] ?? '';
  const scale = perSecond.toString().length - 1;
  const fraction = BigInt((digits + '0'.repeat(scale)).slice(0, scale) || '0');
  return seconds * perSecond + fraction;
}

/** A timestamp column's value as `{ unit, tz, epoch }` (epoch in its unit, exact). */
export interface TimestampValue {
  readonly unit: string;
  readonly tz: string | null;
  readonly epoch: bigint;
}

/** expected.json's `{ unit, tz, iso }` as a {@link TimestampValue}. */
export function expectedTimestamp(v: {
  unit: string;
  tz: string | null;
  iso: string;
}): TimestampValue {
  const unit = Number(Object.entries(UNIT_NAMES).find(([, n]) => n === v.unit)?.[0]);
  return { unit: v.unit, tz: v.tz, epoch: isoToEpoch(v.iso, PER_SECOND[unit] as bigint) };
}

function scaled(unscaled: string, scale: number): string {
  const negative = unscaled.startsWith('-');
  const digits = (negative ? unscaled.slice(1) : unscaled).padStart(scale + 1, '0');
  const text = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  return negative ? `-${text}` : text;
}

function valueOf(
  vector: Vector,
  row: number,
  type: DataType,
  raw: (r: number) => unknown,
): unknown {
  if (!vector.isValid(row)) return null;
  const v = vector.get(row) as unknown;
  if (DataType.isInt(type) && type.bitWidth === 64) return String(v);
  if (DataType.isFloat(type)) return Number.isNaN(v) ? 'NaN' : v;
  if (DataType.isBinary(type)) return Buffer.from(v as Uint8Array).toString('base64');
  if (DataType.isDate(type)) return new Date(v as number).toISOString().slice(0, 10);
  if (DataType.isTimestamp(type)) {
    return {
      unit: UNIT_NAMES[type.unit] ?? '?',
      tz: type.timezone ?? null,
      epoch: raw(row) as bigint,
    } satisfies TimestampValue;
  }
  if (DataType.isDecimal(type)) return scaled(String(v), type.scale);
  if (DataType.isList(type)) return Array.from((v as Vector).toArray() as ArrayLike<unknown>);
  if (DataType.isStruct(type)) return (v as { toJSON(): unknown }).toJSON();
  return v;
}

/**
 * Every row of `table` in expected.json's conventions (64-bit integers and decimals as text,
 * binary as base64, dates as ISO dates, NaN as "NaN"), timestamps as {@link TimestampValue}.
 */
export function rowsInPythonConventions(table: Table): Record<string, unknown>[] {
  const columns = table.schema.fields.map((f, i) => {
    const vector = table.getChildAt(i) as Vector;
    const raws = DataType.isTimestamp(f.type as DataType)
      ? vector.data.flatMap((d) => Array.from(d.values as BigInt64Array).slice(0, d.length))
      : [];
    return { name: f.name, type: f.type as DataType, vector, raw: (r: number) => raws[r] };
  });
  return Array.from({ length: table.numRows }, (_, row) =>
    Object.fromEntries(columns.map((c) => [c.name, valueOf(c.vector, row, c.type, c.raw)])),
  );
}
