import { TYPED_ARRAY_CLASSES } from '../typed-arrays';
import { Stream } from 'node:stream';
import type { ClassRegistry } from './class-registry';
import type { ClassRegistration } from './serializable-catalog';
import { CLASS_TAGS, ERROR_CLASSES, TAG } from './object-tags';
import { keySegment, serializationError, withSegment } from './serialization-errors';
import { bignumTag, isBignum } from './cbor-bignum';
import { isWellFormed } from './well-formed-strings';
import { CborWriter, type Shape } from './cbor-writer';
import { LocalPath } from '../values/local-path';
import { prototypesOf } from '../objects';

/** Dates within ±2^43 ms of 1970 (years 1691–2248) survive cbor-x's float-seconds form exactly. */
const EXACT_DATE_MS = 2 ** 43;
const TYPED_ARRAY_PROTOS = new Set<object>(
  [...TYPED_ARRAY_CLASSES, Buffer].map((c) => c.prototype as object),
);
const NOT_CLONEABLE = [Promise, WeakMap, WeakSet, WeakRef] as const;
/** The boxed primitives the fallback keeps, by prototype (tag `BOXED`). */
const BOXED_KINDS = new Map<object, string>([
  [Number.prototype, 'Number'],
  [String.prototype, 'String'],
  [Boolean.prototype, 'Boolean'],
  [BigInt.prototype, 'BigInt'],
]);
/** Error fields read back as non-enumerable unless the error had them as own enumerable ones. */
const ERROR_FIELDS = ['name', 'message', 'stack', 'cause', 'errors'] as const;
/** Typed arrays of at least this many bytes (and elements over one byte) are written `ALIGNED`. */
export const ALIGN_MIN_BYTES = 4096;
/** The filler an `ALIGNED` item is written with; the serializer shrinks it after encoding. */
const FILLER = Buffer.alloc(7);
/** The CBOR tag cbor-x writes before each kind of typed array (little-endian); a Buffer has none. */
const TYPED_ARRAY_TAGS = new Map<object, number>([
  [Uint8Array.prototype, 64],
  [Uint8ClampedArray.prototype, 68],
  [Uint16Array.prototype, 69],
  [Uint32Array.prototype, 70],
  [BigUint64Array.prototype, 71],
  [Int8Array.prototype, 72],
  [Int16Array.prototype, 77],
  [Int32Array.prototype, 78],
  [BigInt64Array.prototype, 79],
  [Float32Array.prototype, 85],
  [Float64Array.prototype, 86],
]);

/** Settings of one encoding pass. @internal */
export interface DehydrateSettings {
  readonly registry: ClassRegistry;
  readonly strict: boolean;
  readonly maxDepth: number;
  /** Largest bigint written, in bytes of its magnitude. */
  readonly maxBigIntBytes: number;
  readonly warn: (message: string) => void;
}

/**
 * Walks a value graph once and writes it as CBOR in the object fallback's format (the bytes
 * cbor-x would write for the tagged tree the format describes, with its records for objects):
 * class instances, Maps, Sets, Errors, RegExps, `-0`, holes and repeated objects become tagged
 * values. Nothing is copied or wrapped on the way: every check is made as the value is written,
 * and key checks once per object shape. Dates are written by value (a Date shared by two fields
 * comes back as two equal Dates): tracking them cost a third of the encoding time. @internal
 */
export class Dehydrator {
  /** Where the value is written. */
  readonly out = new CborWriter();
  /** Objects met so far, in pre-order; a Set costs one hash lookup per object instead of two. */
  private readonly seen = new Set<object>();
  /** Pre-order index of every object met, built only once the first repeated object is met. */
  private index: Map<object, number> | undefined;
  private readonly warned = new Set<string>();
  /** Registered classes met while encoding, by id. */
  readonly classes = new Map<string, ClassRegistration>();
  /** The class table: ids of the classes written by index (tag `CLASS_BASE + index`). */
  readonly classIds: string[] = [];
  private readonly classIndex = new Map<ClassRegistration, number>();
  private lastClass: ClassRegistration | undefined;
  private lastIndex = 0;
  /** The last prototype looked up in the registry, and what it gave (one lookup per run of a class). */
  private lastProto: object | undefined;
  private lastRegistration: ClassRegistration | undefined;
  private depth = 0;
  /** Whether some typed array was written `ALIGNED` (the serializer then sizes the fillers). */
  aligned = false;

  constructor(private readonly settings: DehydrateSettings) {}

  /** Whether some object was met twice (a shared reference or a cycle, written as `REF`). */
  get shared(): boolean {
    return this.index !== undefined;
  }

  value(v: unknown): void {
    switch (typeof v) {
      case 'number':
        if (v === 0 && 1 / v < 0) this.negativeZero();
        else this.out.number(v);
        return;
      case 'string':
        this.text(v);
        return;
      case 'object':
        if (v === null) this.out.byte(0xf6);
        else this.object(v);
        return;
      case 'boolean':
        this.out.byte(v ? 0xf5 : 0xf4);
        return;
      case 'undefined':
        this.out.byte(0xf7);
        return;
      case 'bigint':
        if (isBignum(v)) this.bignum(v);
        else this.out.bigint64(v);
        return;
      default:
        throw serializationError(
          'SERIALIZATION_UNSUPPORTED_VALUE',
          `A ${typeof v} cannot be stored`,
          '$',
          'Remove it (functions and symbols are never stored: the fallback never stores or runs code), or give its class toData/fromData hooks.',
        );
    }
  }

  private negativeZero(): void {
    this.out.tag(TAG.NEG_ZERO);
    this.out.byte(0);
  }

  /** A string: as UTF-8 text, or as its UTF-16 code units when it is not well-formed. */
  private text(s: string): void {
    if (isWellFormed(s)) this.out.string(s);
    else {
      this.out.tag(TAG.UTF16);
      this.out.bytes(Buffer.from(s, 'utf16le'));
    }
  }

  private object(v: object): void {
    const proto = Object.getPrototypeOf(v) as object | null;
    if (proto === Date.prototype) {
      const t = (v as Date).getTime();
      if (t > -EXACT_DATE_MS && t < EXACT_DATE_MS) this.out.date(v as Date);
      else {
        this.out.tag(TAG.DATE);
        this.out.number(t);
      }
      return;
    }
    const ref = this.track(v);
    if (ref !== undefined) {
      this.out.tag(TAG.REF);
      this.out.number(ref);
      return;
    }
    if (++this.depth > this.settings.maxDepth) {
      throw serializationError(
        'SERIALIZATION_TOO_DEEP',
        `The value is nested deeper than ${this.settings.maxDepth} levels`,
        '$',
        'Flatten the structure or raise maxDepth.',
      );
    }
    if (proto === Object.prototype) {
      const shape = this.out.shapeOf(v);
      if (shape.protoKey || shape.illFormed) this.raw(v, false);
      else this.fields(v, shape);
    } else if (proto === Array.prototype) this.array(v as unknown[]);
    else if (proto !== null && TYPED_ARRAY_PROTOS.has(proto)) this.typedArray(v as Uint8Array);
    else if (proto === null) this.raw(v, true);
    else this.special(v, proto);
    this.depth--;
  }

  /** A bigint too large for 64 bits, as a bignum tag (written in linear time). */
  private bignum(v: bigint): void {
    const tag = bignumTag(v);
    const bytes = tag.value as Buffer;
    if (bytes.length > this.settings.maxBigIntBytes) {
      throw serializationError(
        'SERIALIZATION_TOO_LARGE',
        `A bigint of ${bytes.length} bytes is over the limit of ${this.settings.maxBigIntBytes}`,
        '$',
        'Raise maxBigIntBytes (readers need the same limit), or store the number as its own artifact.',
      );
    }
    this.out.tag(tag.tag);
    this.out.bytes(bytes);
  }

  /** A typed array; large ones with elements over one byte are wrapped so the reader can view them. */
  private typedArray(v: ArrayBufferView & { readonly BYTES_PER_ELEMENT: number }): void {
    if (v.BYTES_PER_ELEMENT > 1 && v.byteLength >= ALIGN_MIN_BYTES) {
      this.aligned = true;
      this.out.tag(TAG.ALIGNED);
      this.out.array(2);
      this.out.bytes(FILLER);
    }
    const tag = TYPED_ARRAY_TAGS.get(Object.getPrototypeOf(v) as object);
    if (tag !== undefined) this.out.tag(tag);
    this.out.bytes(v);
  }

  /**
   * Records `v` and returns the pre-order index it got when it was met before. Most values share
   * nothing, so tracking starts with a Set (one lookup); the index Map is built on the first
   * repeat and used from then on.
   */
  private track(v: object): number | undefined {
    if (this.index === undefined) {
      const size = this.seen.size;
      if (this.seen.add(v).size !== size) return undefined;
      this.index = new Map<object, number>();
      for (const o of this.seen) this.index.set(o, this.index.size);
      this.seen.clear();
      return this.index.get(v);
    }
    const ref = this.index.get(v);
    if (ref === undefined) this.index.set(v, this.index.size);
    return ref;
  }

  /** The registration of exactly the class of `proto` (the last answer is cached). */
  private registrationOf(proto: object): ClassRegistration | undefined {
    if (proto === this.lastProto) return this.lastRegistration;
    const ctor = (proto as { constructor?: unknown }).constructor;
    const registration =
      typeof ctor === 'function' ? this.settings.registry.registrationOf(ctor as never) : undefined;
    this.lastProto = proto;
    this.lastRegistration = registration;
    return registration;
  }

  private special(v: object, proto: object): void {
    const registration = this.registrationOf(proto);
    const out = this.out;
    if (registration !== undefined && !(v instanceof Error)) {
      if (registration.toData === undefined) {
        const shape = out.shapeOf(v);
        if (shape.illFormed) this.illFormedField();
        const index = this.tableIndex(registration);
        if (index < CLASS_TAGS) out.tag(TAG.CLASS_BASE + index);
        else {
          out.tag(TAG.CLASS);
          out.array(2);
          out.string(registration.id);
        }
        this.fields(v, shape);
        return;
      }
      this.classes.set(registration.id, registration);
      out.tag(TAG.CLASS);
      out.array(3);
      out.string(registration.id);
      this.value(registration.toData(v));
      out.byte(0xf5);
      return;
    }
    const ctor = (proto as { constructor?: unknown }).constructor;
    if (proto === URL.prototype) {
      out.tag(TAG.URL);
      out.string((v as URL).href);
      return;
    }
    if (proto === LocalPath.prototype) {
      out.tag(TAG.LOCAL_PATH);
      this.value((v as LocalPath).path);
      return;
    }
    const boxed = BOXED_KINDS.get(proto);
    if (boxed !== undefined) {
      out.tag(TAG.BOXED);
      out.array(2);
      out.string(boxed);
      this.value((v as { valueOf(): unknown }).valueOf());
      return;
    }
    if (proto === SharedArrayBuffer.prototype) {
      out.tag(TAG.SHARED_ARRAY_BUFFER);
      this.typedArray(new Uint8Array(v as SharedArrayBuffer));
      return;
    }
    if (v instanceof Map) {
      out.tag(TAG.MAP);
      this.list([...v].flat());
      return;
    }
    if (v instanceof Set) {
      out.tag(TAG.SET);
      this.list([...v]);
      return;
    }
    if (v instanceof Error) return this.error(v);
    if (v instanceof RegExp) {
      out.tag(TAG.REGEXP);
      out.array(2);
      this.value(v.source);
      out.string(v.flags);
      return;
    }
    if (v instanceof ArrayBuffer) {
      out.tag(TAG.ARRAY_BUFFER);
      this.typedArray(new Uint8Array(v));
      return;
    }
    if (v instanceof DataView) {
      out.tag(TAG.DATA_VIEW);
      this.typedArray(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
      return;
    }
    if (v instanceof Stream) {
      throw serializationError(
        'SERIALIZATION_UNSUPPORTED_VALUE',
        'A stream cannot be stored',
        '$',
        'Log the stream as its own output (the stream packager writes its bytes as a file), or store the data it holds.',
      );
    }
    if (NOT_CLONEABLE.some((c) => v instanceof c) || ArrayBuffer.isView(v)) {
      throw serializationError(
        'SERIALIZATION_UNSUPPORTED_VALUE',
        `A ${String((ctor as { name?: string })?.name)} cannot be stored`,
        '$',
        'Store the data it holds instead (promises, weak collections and subclassed typed arrays cannot be copied).',
      );
    }
    this.unregistered((ctor as { name?: string } | undefined)?.name ?? '<anonymous>');
    const shape = out.shapeOf(v);
    if (shape.illFormed) this.illFormedField();
    this.fields(v, shape);
  }

  /** The fields of a class instance or an error are written as a record, which needs well-formed keys. */
  private illFormedField(): never {
    throw serializationError(
      'SERIALIZATION_UNSUPPORTED_VALUE',
      'A field name of a class instance or an error holds a lone surrogate (not well-formed Unicode)',
      '$',
      'Rename the field, or keep such keys in a plain object or a Map (both keep any string).',
    );
  }

  /** The class-table index of `registration`, added on first use (the last one is cached). */
  private tableIndex(registration: ClassRegistration): number {
    if (registration === this.lastClass) return this.lastIndex;
    let index = this.classIndex.get(registration);
    if (index === undefined) {
      index = this.classIndex.size;
      this.classIndex.set(registration, index);
      this.classIds.push(registration.id);
      this.classes.set(registration.id, registration);
    }
    this.lastClass = registration;
    this.lastIndex = index;
    return index;
  }

  private unregistered(name: string): void {
    if (this.settings.strict) {
      throw serializationError(
        'SERIALIZATION_UNREGISTERED_CLASS',
        `An instance of the unregistered class ${name} cannot be stored in strict mode`,
        '$',
        `Register it: @Serializable('<stable id>') on class ${name}, or classes.registerClass(${name}, '<stable id>').`,
      );
    }
    if (this.warned.has(name)) return;
    this.warned.add(name);
    this.settings.warn(
      `The object fallback stores an instance of ${name} as plain data: its class is not registered, so it will ` +
        `come back as a plain object. Register it with @Serializable('<stable id>') or registerClass(${name}, '<stable id>').`,
    );
  }

  /**
   * The own enumerable properties of `v` (whose keys are `shape`'s) as a cbor-x record. Each
   * value is read once, by the keys found, so the count written always matches the header.
   */
  private fields(v: object, shape: Shape): void {
    const src = v as Record<string, unknown>;
    const keys = shape.keys;
    const out = this.out;
    out.record(shape);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const x = src[k];
      if (typeof x === 'string') {
        if (isWellFormed(x)) out.string(x);
        else this.text(x);
      } else if (typeof x === 'number') {
        if (x === 0 && 1 / x < 0) this.negativeZero();
        else out.number(x);
      } else {
        try {
          this.value(x);
        } catch (e) {
          throw withSegment(e, keySegment(k));
        }
      }
    }
  }

  private array(v: unknown[]): void {
    const length = v.length;
    // holes read as undefined: only an array holding undefined can have them
    if (v.includes(undefined)) {
      for (let i = 0; i < length; i++) if (!(i in v)) return this.sparse(v);
    }
    const out = this.out;
    out.array(length);
    for (let i = 0; i < length; i++) {
      const x = v[i];
      if (typeof x === 'string') {
        if (isWellFormed(x)) out.string(x);
        else this.text(x);
      } else if (typeof x === 'number') {
        if (x === 0 && 1 / x < 0) this.negativeZero();
        else out.number(x);
      } else {
        try {
          this.value(x);
        } catch (e) {
          throw withSegment(e, keySegment(i));
        }
      }
    }
  }

  /** `items` as a CBOR array (the entries of a Map or a Set, taken before any is written). */
  private list(items: unknown[]): void {
    this.out.array(items.length);
    for (let i = 0; i < items.length; i++) {
      try {
        this.value(items[i]);
      } catch (e) {
        throw withSegment(e, `<entry ${i}>`);
      }
    }
  }

  /** An array with holes: `[length, i1, v1, i2, v2, …]`. */
  private sparse(v: unknown[]): void {
    const indices: number[] = [];
    for (const key of Object.keys(v)) {
      const i = Number(key);
      if (Number.isInteger(i) && String(i) === key && i >= 0) indices.push(i);
    }
    this.out.tag(TAG.SPARSE);
    this.out.array(1 + 2 * indices.length);
    this.out.number(v.length);
    for (const i of indices) {
      this.out.number(i);
      try {
        this.value(v[i]);
      } catch (e) {
        throw withSegment(e, keySegment(i));
      }
    }
  }

  /** `[nullPrototype, k1, v1, …]`: an object a record cannot hold. */
  private raw(v: object, nullPrototype: boolean): void {
    const keys = Object.keys(v);
    this.out.tag(TAG.RAW_OBJECT);
    this.out.array(1 + 2 * keys.length);
    this.out.byte(nullPrototype ? 0xf5 : 0xf4);
    for (const k of keys) {
      try {
        this.text(k);
        this.value((v as Record<string, unknown>)[k]);
      } catch (e) {
        throw withSegment(e, keySegment(k));
      }
    }
  }

  private error(e: Error): void {
    let builtin = 'Error';
    for (const p of prototypesOf(e)) {
      const name = (p as { constructor?: { name?: string } }).constructor?.name ?? '';
      if (ERROR_CLASSES.get(name)?.prototype === p) {
        builtin = name;
        break;
      }
    }
    const ctor = (Object.getPrototypeOf(e) as { constructor?: unknown }).constructor;
    const registration =
      typeof ctor === 'function' ? this.settings.registry.registrationOf(ctor as never) : undefined;
    if (registration !== undefined) this.classes.set(registration.id, registration);
    else if (!ERROR_CLASSES.has((ctor as { name?: string }).name ?? ''))
      this.unregistered((ctor as { name?: string }).name ?? 'Error');
    // own fields in their order (message, stack, cause and errors are own but hidden on real
    // errors); `name` is written even when inherited, for readers that lack the class
    const props: Record<string, unknown> = {};
    const ownEnumerable: string[] = [];
    const fields = e as unknown as Record<string, unknown>;
    for (const k of Object.getOwnPropertyNames(e)) {
      const standard = (ERROR_FIELDS as readonly string[]).includes(k);
      const enumerable = Object.prototype.propertyIsEnumerable.call(e, k);
      if (k === '__proto__' || (!standard && !enumerable)) continue;
      props[k] = fields[k];
      if (standard && enumerable) ownEnumerable.push(k);
    }
    if (!('name' in props)) props['name'] = e.name;
    const shape = this.out.shapeOf(props);
    if (shape.illFormed) this.illFormedField();
    const out = this.out;
    out.tag(TAG.ERROR);
    out.array(ownEnumerable.length > 0 ? 4 : 3);
    out.string(builtin);
    if (registration === undefined) out.byte(0xf6);
    else out.string(registration.id);
    this.fields(props, shape);
    if (ownEnumerable.length > 0) {
      out.array(ownEnumerable.length);
      for (const k of ownEnumerable) out.string(k);
    }
  }
}
