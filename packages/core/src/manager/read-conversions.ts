import { fileURLToPath, pathToFileURL } from 'node:url';
import { LocalPath } from '../values/local-path';
import type { PackableType } from '../types';

/** What a conversion made of a value: the converted value, or why it would not be exact. */
export type ConversionOutcome =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string };

/**
 * One documented conversion applied when an artifact is read under a type hint its recorded
 * packager did not produce (docs/builtin-packagers.md, "Reading under another type").
 */
export interface ReadConversion {
  /** What was read, as the docs table names it. */
  readonly from: string;
  /** The type hint it serves. */
  readonly to: PackableType;
  /** When it is exact, and when it refuses, as the docs table says. */
  readonly rule: string;
  /** The packable types the recorded packager must be able to produce for it to apply. */
  readonly fromTypes: readonly PackableType[];
  /** The recorded artifact type it needs, when it depends on one. */
  readonly artifactType?: string;
  /** Whether it applies to a value the recorded packager returned. */
  applies(value: unknown): boolean;
  /** Converts the value, or says why the conversion would not be exact. */
  convert(value: unknown): ConversionOutcome;
}

const ok = (value: unknown): ConversionOutcome => ({ ok: true, value });

function isFileUrl(value: unknown): value is URL {
  return value instanceof URL && value.protocol === 'file:';
}

function isLocal(value: unknown): value is string | LocalPath | URL {
  return typeof value === 'string' || value instanceof LocalPath || isFileUrl(value);
}

function localPathOf(value: string | LocalPath | URL): string {
  if (typeof value === 'string') return value;
  return value instanceof LocalPath ? value.path : fileURLToPath(value);
}

const PATH_TYPES: readonly PackableType[] = [String, LocalPath, URL];

function pathConversion(to: PackableType, make: (path: string) => unknown): ReadConversion {
  return {
    from: 'a `path` artifact (string, `LocalPath` or `file:` URL)',
    to,
    rule: 'always: the same local file or extracted folder',
    fromTypes: PATH_TYPES,
    artifactType: 'path',
    applies: isLocal,
    convert: (value) => ok(make(localPathOf(value as string | LocalPath | URL))),
  };
}

/**
 * Every conversion Stowage makes when an artifact is read under another type, in the order the
 * docs list them. Nothing else converts: a value that is not an instance of the hint and matches
 * no entry is refused with `UNPACKING_TYPE_MISMATCH`; an entry that would not be exact for the
 * value at hand refuses with `UNPACKING_NOT_EXACT`.
 */
export const READ_CONVERSIONS: readonly ReadConversion[] = Object.freeze([
  pathConversion(String, (p) => p),
  pathConversion(LocalPath, (p) => new LocalPath(p)),
  pathConversion(URL, (p) => pathToFileURL(p)),
  {
    from: '`bigint`',
    to: Number,
    rule: 'when the number holds it exactly (`BigInt(Number(v)) === v`), else refused',
    fromTypes: [BigInt as unknown as PackableType],
    applies: (v) => typeof v === 'bigint',
    convert: (v) => {
      const n = Number(v);
      return BigInt(n) === v
        ? ok(n)
        : { ok: false, reason: `the number ${n} is not exactly ${String(v)}` };
    },
  },
  {
    from: '`number`',
    to: BigInt as unknown as PackableType,
    rule: 'when it is an integer other than `-0`, else refused',
    fromTypes: [Number],
    applies: (v) => typeof v === 'number',
    convert: (v) =>
      Number.isInteger(v) && !Object.is(v, -0)
        ? ok(BigInt(v as number))
        : { ok: false, reason: `${Object.is(v, -0) ? '-0' : String(v)} is not an integer` },
  },
  {
    from: '`Uint8Array`',
    to: Buffer,
    rule: 'always: a Buffer over the same bytes (no copy)',
    fromTypes: [Uint8Array],
    applies: (v) => v instanceof Uint8Array && v.constructor === Uint8Array,
    convert: (v) => {
      const bytes = v as Uint8Array;
      return ok(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    },
  },
  {
    from: '`Uint8Array`, `Buffer`',
    to: ArrayBuffer,
    rule: 'always: the same bytes (copied unless the view spans its whole buffer)',
    fromTypes: [Uint8Array],
    applies: (v) => v instanceof Uint8Array && (v.constructor === Uint8Array || Buffer.isBuffer(v)),
    convert: (v) => {
      const b = v as Uint8Array;
      const whole = b.byteOffset === 0 && b.byteLength === b.buffer.byteLength;
      return ok(whole && b.buffer instanceof ArrayBuffer ? b.buffer : new Uint8Array(b).buffer);
    },
  },
  {
    from: '`ArrayBuffer`',
    to: Uint8Array,
    rule: 'always: a view of the same bytes',
    fromTypes: [ArrayBuffer],
    applies: (v) => v instanceof ArrayBuffer,
    convert: (v) => ok(new Uint8Array(v as ArrayBuffer)),
  },
] satisfies ReadConversion[]);

/** The conversion that serves `hint` for `value` read from `artifactType`, if any. @internal */
export function conversionFor(
  value: unknown,
  artifactType: string,
  hint: PackableType,
): ReadConversion | undefined {
  return READ_CONVERSIONS.find(
    (c) =>
      c.to === hint &&
      (c.artifactType === undefined || c.artifactType === artifactType) &&
      c.applies(value),
  );
}

/** The conversions that could serve `hint` for an artifact of `artifactType`. @internal */
export function conversionsInto(
  hint: PackableType,
  artifactType: string,
): readonly ReadConversion[] {
  return READ_CONVERSIONS.filter(
    (c) => c.to === hint && (c.artifactType === undefined || c.artifactType === artifactType),
  );
}
