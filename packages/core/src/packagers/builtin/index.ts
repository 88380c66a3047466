import type { ConcreteConstructor } from '../../types';
import { ArrayPackager } from './array.packager';
import { BigIntPackager } from './bigint.packager';
import { BooleanPackager } from './boolean.packager';
import { ArrayBufferPackager, BytesPackager } from './bytes.packager';
import { DatePackager } from './date.packager';
import { ErrorPackager } from './error.packager';
import { LocalPathPackager, UrlPackager } from './local-path.packager';
import { MapPackager } from './map.packager';
import { NullishPackager } from './nullish.packager';
import { NumberPackager } from './number.packager';
import { ObjectPackager } from './object.packager';
import { RecordPackager } from './record.packager';
import { SetPackager } from './set.packager';
import { StreamPackager } from './stream.packager';
import { StringPackager } from './string.packager';
import { TypedArrayPackager } from './typed-array.packager';

/**
 * The packagers for JavaScript's own types, in registration order (the `object` fallback,
 * {@link ObjectPackager}, is separate: the manager always has it).
 */
export const BUILTIN_PACKAGERS: readonly ConcreteConstructor[] = Object.freeze([
  NullishPackager,
  NumberPackager,
  StringPackager,
  BooleanPackager,
  BigIntPackager,
  DatePackager,
  ArrayPackager,
  RecordPackager,
  MapPackager,
  SetPackager,
  BytesPackager,
  ArrayBufferPackager,
  TypedArrayPackager,
  LocalPathPackager,
  UrlPackager,
  StreamPackager,
  ErrorPackager,
]);

export { ObjectPackager };
