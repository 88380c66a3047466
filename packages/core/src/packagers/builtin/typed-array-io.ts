import type { DataItem } from '../../data/data-item';
import { UnpackingError } from '../../errors/unpacking.error';
import { PackingError } from '../../errors/packing.error';
import {
  dtypeOf,
  NUMERIC_ARRAY_TYPES,
  type NumericArray,
  type NumericArrayConstructor,
} from '../../formats/npy-dtype';
import type { NpyArray } from '../../formats/npy.format';
import { decodeNpz, encodeNpzBody } from '../../formats/npz.format';
import type { Instructions } from '../../types';
import type { PackOutput } from '../pack-context';
import { fileArtifact } from './builtin-io';

/** Whether `value` is a typed array Stowage writes as `.npy`. @internal */
export function isNumericArray(value: unknown): value is NumericArray {
  return dtypeOf(value) !== undefined;
}

/** Whether `value` is a non-empty plain record whose values are all typed arrays. @internal */
export function isArrayRecord(value: unknown): value is Record<string, NumericArray> {
  if (
    typeof value !== 'object' ||
    value === null ||
    Object.getPrototypeOf(value) !== Object.prototype
  )
    return false;
  const values = Object.values(value);
  return values.length > 0 && values.every(isNumericArray);
}

/** The typed array class recorded by name (only the known ones; never resolved otherwise). @internal */
export function arrayTypeByName(name: unknown, where: string): NumericArrayConstructor | undefined {
  if (name === undefined) return undefined;
  const ctor =
    typeof name === 'string' && Object.prototype.hasOwnProperty.call(NUMERIC_ARRAY_TYPES, name)
      ? NUMERIC_ARRAY_TYPES[name]
      : undefined;
  if (ctor === undefined) {
    throw new UnpackingError(
      `The recorded array type ${JSON.stringify(name)} of ${where} is not a typed array Stowage knows.`,
      {
        code: 'UNPACKING_FAILED',
        fix: `Use one of ${Object.keys(NUMERIC_ARRAY_TYPES).join(', ')}.`,
      },
    );
  }
  return ctor;
}

/** Views (or, when misaligned, copies) bytes as a typed array of `ctor`. @internal */
export function viewAs(
  ctor: NumericArrayConstructor,
  bytes: Uint8Array,
  where: string,
): NumericArray {
  const size = ctor.BYTES_PER_ELEMENT;
  if (bytes.byteLength % size !== 0) {
    throw new UnpackingError(
      `The ${bytes.byteLength} bytes of ${where} are not a whole number of ${ctor.name} elements.`,
      {
        code: 'UNPACKING_FAILED',
        fix: 'The file is truncated or was logged with another dtype.',
      },
    );
  }
  const aligned = bytes.byteOffset % size === 0 ? bytes : bytes.slice();
  return new ctor(aligned.buffer as ArrayBuffer, aligned.byteOffset, aligned.byteLength / size);
}

/** Converts an array read from `.npy` to the recorded class (only `u1` → Uint8ClampedArray differs). @internal */
export function asRecordedType(
  array: NumericArray,
  ctor: NumericArrayConstructor | undefined,
): NumericArray {
  if (ctor === undefined || array.constructor === ctor) return array;
  if (ctor.BYTES_PER_ELEMENT !== array.BYTES_PER_ELEMENT) return array;
  return new ctor(array.buffer as ArrayBuffer, array.byteOffset, array.length);
}

/** What a non-array field is, for messages: `null`, `a string`, `an Array`. */
function describeField(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return `a ${typeof value}`;
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)
    ?.constructor?.name;
  if (typeof name !== 'string' || name === '') return 'an object';
  return `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`;
}

/**
 * Packs a record of typed arrays as an `.npz` file. @internal
 *
 * @throws PackingError (`NPZ_FIELD_NOT_ARRAY`) for a field that is not a typed array (`null`, a
 * number, a plain array…), naming the field; (`PACKING_FAILED`) for a name that cannot be an entry.
 */
export function packArrayRecord(value: Record<string, unknown>, key: string): PackOutput {
  const names = Object.keys(value);
  const field = names.find((n) => !isNumericArray(value[n]));
  if (field !== undefined) {
    throw new PackingError(
      `Cannot write ${key} as .npz: its field ${JSON.stringify(field)} is ${describeField(value[field])}, not a typed array.`,
      {
        code: 'NPZ_FIELD_NOT_ARRAY',
        details: { key, field },
        fix: 'npz holds only typed arrays (Float64Array, Int32Array, …): convert or remove that field, or log the record as json, yaml or object.',
      },
    );
  }
  const bad = names.find((n) => n === '' || n.includes('/') || n.includes('\\'));
  if (bad !== undefined) {
    throw new PackingError(
      `The array name ${JSON.stringify(bad)} of ${key} cannot be an .npz entry.`,
      {
        code: 'PACKING_FAILED',
        fix: 'Use non-empty names without "/" or "\\".',
      },
    );
  }
  const entries = Object.fromEntries(names.map((n) => [n, { data: value[n] as NumericArray }]));
  const arrayTypes = Object.fromEntries(
    names.map((n) => [n, (value[n] as NumericArray).constructor.name]),
  );
  return {
    artifact: fileArtifact(key, encodeNpzBody(entries), 'npz'),
    instructions: { format: 'npz', arrayTypes },
  };
}

/**
 * Reads an `.npz` file back into a record of typed arrays; an entry of a dtype Stowage cannot
 * read is listed, and reading it throws (`NPY_UNSUPPORTED_DTYPE`). @internal
 */
export async function unpackArrayRecord(
  item: DataItem,
  instructions: Instructions,
): Promise<Record<string, NumericArray>> {
  const arrays = decodeNpz(await item.get(), item.key);
  const types = (instructions['arrayTypes'] ?? {}) as Record<string, unknown>;
  const out: Record<string, NumericArray> = {};
  for (const name of Object.keys(arrays)) {
    const recorded = Object.prototype.hasOwnProperty.call(types, name) ? types[name] : undefined;
    const ctor = arrayTypeByName(recorded, item.key);
    const entry = Object.getOwnPropertyDescriptor(arrays, name) as PropertyDescriptor;
    // an entry that could not be read keeps its throwing getter: the others stay readable
    Object.defineProperty(
      out,
      name,
      entry.get !== undefined
        ? entry
        : {
            value: asRecordedType((entry.value as NpyArray).data, ctor),
            enumerable: true,
            writable: true,
            configurable: true,
          },
    );
  }
  return out;
}
