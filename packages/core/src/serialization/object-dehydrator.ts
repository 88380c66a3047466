import { TYPED_ARRAY_CLASSES } from '../typed-arrays';
import { Stream } from 'node:stream';
import { Tag } from 'cbor-x/index-no-eval';
import type { ClassRegistry } from './class-registry';
import type { ClassRegistration } from './serializable-catalog';
import { CLASS_TAGS, ERROR_CLASSES, TAG } from './object-tags';
import { keySegment, serializationError, withSegment } from './serialization-errors';
import { bignumTag, isBignum } from './cbor-bignum';
import { isWellFormed, utf16Tag } from './well-formed-strings';
import { LocalPath } from '../values/local-path';
import { prototypesOf } from '../objects';

const NEG_ZERO = new Tag(0, TAG.NEG_ZERO);
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
/** What {@link Dehydrator.fields} returns when a key is not well-formed Unicode. */
const ILL_FORMED_KEY = Symbol('ill-formed key');
/** Typed arrays of at least this many bytes (and elements over one byte) are written `ALIGNED`. */
export const ALIGN_MIN_BYTES = 4096;
/** The filler an `ALIGNED` item is written with; the serializer shrinks it after encoding. */
const FILLER = Buffer.alloc(7);

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
 * Turns a value graph into a tree cbor-x writes natively: class instances, Maps, Sets, Errors,
 * RegExps, `-0`, holes and repeated objects become tagged values. Plain objects and arrays are
 * reused unless a child changes (copy on write), so the common case allocates little. Dates are
 * written by value (a Date shared by two fields comes back as two equal Dates): tracking them
 * cost a third of the encoding time. @internal
 */
export class Dehydrator {
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
  private depth = 0;
  /** Whether some typed array was written `ALIGNED` (the serializer then sizes the fillers). */
  aligned = false;

  constructor(private readonly settings: DehydrateSettings) {}

  /** Whether some object was met twice (a shared reference or a cycle, written as `REF`). */
  get shared(): boolean {
    return this.index !== undefined;
  }

  value(v: unknown): unknown {
    switch (typeof v) {
      case 'number':
        return v === 0 && 1 / v < 0 ? NEG_ZERO : v;
      case 'object':
        return v === null ? null : this.object(v);
      case 'bigint':
        return isBignum(v) ? this.bignum(v) : v;
      case 'string':
        return isWellFormed(v) ? v : utf16Tag(v);
      case 'function':
      case 'symbol':
        throw serializationError(
          'SERIALIZATION_UNSUPPORTED_VALUE',
          `A ${typeof v} cannot be stored`,
          '$',
          'Remove it (functions and symbols are never stored: the fallback never stores or runs code), or give its class toData/fromData hooks.',
        );
      default:
        return v;
    }
  }

  private object(v: object): unknown {
    const proto = Object.getPrototypeOf(v) as object | null;
    if (proto === Date.prototype) {
      const t = (v as Date).getTime();
      return t > -EXACT_DATE_MS && t < EXACT_DATE_MS ? v : new Tag(t, TAG.DATE);
    }
    const ref = this.track(v);
    if (ref !== undefined) return new Tag(ref, TAG.REF);
    if (++this.depth > this.settings.maxDepth) {
      throw serializationError(
        'SERIALIZATION_TOO_DEEP',
        `The value is nested deeper than ${this.settings.maxDepth} levels`,
        '$',
        'Flatten the structure or raise maxDepth.',
      );
    }
    try {
      if (proto === Object.prototype) {
        if (Object.prototype.hasOwnProperty.call(v, '__proto__')) return this.raw(v, false);
        const out = this.fields(v);
        return out === ILL_FORMED_KEY ? this.raw(v, false) : out;
      }
      if (proto === Array.prototype) return this.array(v as unknown[]);
      if (proto !== null && TYPED_ARRAY_PROTOS.has(proto)) return this.typedArray(v as Uint8Array);
      if (proto === null) return this.raw(v, true);
      return this.special(v, proto);
    } finally {
      this.depth--;
    }
  }

  /** A bigint too large for 64 bits, as a bignum tag (written in linear time). */
  private bignum(v: bigint): Tag {
    const tag = bignumTag(v);
    const size = (tag.value as Buffer).length;
    if (size > this.settings.maxBigIntBytes) {
      throw serializationError(
        'SERIALIZATION_TOO_LARGE',
        `A bigint of ${size} bytes is over the limit of ${this.settings.maxBigIntBytes}`,
        '$',
        'Raise maxBigIntBytes (readers need the same limit), or store the number as its own artifact.',
      );
    }
    return tag;
  }

  /** A typed array; large ones with elements over one byte are wrapped so the reader can view them. */
  private typedArray(v: Uint8Array): unknown {
    if (v.BYTES_PER_ELEMENT === 1 || v.byteLength < ALIGN_MIN_BYTES) return v;
    this.aligned = true;
    return new Tag([FILLER, v], TAG.ALIGNED);
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

  private special(v: object, proto: object): unknown {
    const ctor = (proto as { constructor?: unknown }).constructor;
    const registration =
      typeof ctor === 'function' ? this.settings.registry.registrationOf(ctor as never) : undefined;
    if (registration !== undefined && !(v instanceof Error)) {
      if (registration.toData === undefined) {
        const fields = this.ownFields(v);
        const index = this.tableIndex(registration);
        return index < CLASS_TAGS
          ? new Tag(fields, TAG.CLASS_BASE + index)
          : new Tag([registration.id, fields], TAG.CLASS);
      }
      this.classes.set(registration.id, registration);
      return new Tag([registration.id, this.value(registration.toData(v)), true], TAG.CLASS);
    }
    if (proto === URL.prototype) return new Tag((v as URL).href, TAG.URL);
    if (proto === LocalPath.prototype)
      return new Tag(this.value((v as LocalPath).path), TAG.LOCAL_PATH);
    const boxed = BOXED_KINDS.get(proto);
    if (boxed !== undefined)
      return new Tag([boxed, this.value((v as { valueOf(): unknown }).valueOf())], TAG.BOXED);
    if (proto === SharedArrayBuffer.prototype)
      return new Tag(new Uint8Array(v as SharedArrayBuffer).slice(), TAG.SHARED_ARRAY_BUFFER);
    if (v instanceof Map) return new Tag(this.list([...v].flat()), TAG.MAP);
    if (v instanceof Set) return new Tag(this.list([...v]), TAG.SET);
    if (v instanceof Error) return this.error(v);
    if (v instanceof RegExp) return new Tag([this.value(v.source), v.flags], TAG.REGEXP);
    if (v instanceof ArrayBuffer) return new Tag(new Uint8Array(v), TAG.ARRAY_BUFFER);
    if (v instanceof DataView)
      return new Tag(new Uint8Array(v.buffer, v.byteOffset, v.byteLength), TAG.DATA_VIEW);
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
    return this.ownFields(v);
  }

  /**
   * {@link fields} for the fields of a class instance or an error, which are written as a record:
   * a key that is not well-formed Unicode is refused there (plain objects keep such keys).
   */
  private ownFields(v: object): object {
    const out = this.fields(v);
    if (out !== ILL_FORMED_KEY) return out;
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
   * The own enumerable properties of `v`, converted (returns `v` itself when nothing changes), or
   * {@link ILL_FORMED_KEY} when a key is not well-formed Unicode (a record cannot hold it).
   * `for…in` with an own-property check visits the same keys as `Object.keys` in the same order,
   * without allocating a key array per object.
   */
  private fields(v: object): object | typeof ILL_FORMED_KEY {
    const src = v as Record<string, unknown>;
    let out: Record<string, unknown> | undefined;
    for (const k in src) {
      if (!Object.prototype.hasOwnProperty.call(src, k)) continue;
      if (!isWellFormed(k)) return ILL_FORMED_KEY;
      const x = src[k];
      let y: unknown = x;
      if (typeof x === 'string') {
        if (!isWellFormed(x)) y = utf16Tag(x);
      } else if (typeof x === 'number') {
        if (x === 0 && 1 / x < 0) y = NEG_ZERO;
      } else if (
        typeof x === 'object' ||
        typeof x === 'function' ||
        typeof x === 'symbol' ||
        typeof x === 'bigint'
      ) {
        try {
          y = this.value(x);
        } catch (e) {
          throw withSegment(e, keySegment(k));
        }
      }
      if (out === undefined && y !== x) out = this.copyUntil(src, k);
      if (out !== undefined) out[k] = y;
    }
    return out ?? v;
  }

  /** A plain copy of the own enumerable properties of `src` that come before `stop`. */
  private copyUntil(src: Record<string, unknown>, stop: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const k in src) {
      if (k === stop) break;
      if (Object.prototype.hasOwnProperty.call(src, k)) out[k] = src[k];
    }
    return out;
  }

  private array(v: unknown[]): unknown {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      let y: unknown = x;
      if (typeof x === 'string') {
        if (!isWellFormed(x)) y = utf16Tag(x);
      } else if (typeof x === 'number') {
        if (x === 0 && 1 / x < 0) y = NEG_ZERO;
      } else if (
        typeof x === 'object' ||
        typeof x === 'function' ||
        typeof x === 'symbol' ||
        typeof x === 'bigint'
      ) {
        try {
          y = this.value(x);
        } catch (e) {
          throw withSegment(e, keySegment(i));
        }
      } else if (x === undefined && !(i in v)) return this.sparse(v, out ?? v.slice(0, i), i);
      if (out === undefined && y !== x) out = v.slice(0, i);
      if (out !== undefined) out.push(y);
    }
    return out ?? v;
  }

  private list(items: unknown[]): unknown[] {
    return items.map((x, i) => {
      try {
        return this.value(x);
      } catch (e) {
        throw withSegment(e, `<entry ${i}>`);
      }
    });
  }

  /** Encodes an array with holes; `done` holds the converted elements before `start`. */
  private sparse(v: unknown[], done: readonly unknown[], start: number): Tag {
    const out: unknown[] = [v.length];
    for (let i = 0; i < start; i++) out.push(i, done[i]);
    for (const key of Object.keys(v)) {
      const i = Number(key);
      if (!Number.isInteger(i) || String(i) !== key || i < start) continue;
      try {
        out.push(i, this.value(v[i]));
      } catch (e) {
        throw withSegment(e, keySegment(i));
      }
    }
    return new Tag(out, TAG.SPARSE);
  }

  private raw(v: object, nullPrototype: boolean): Tag {
    const out: unknown[] = [nullPrototype];
    for (const k of Object.keys(v)) {
      try {
        out.push(this.value(k), this.value((v as Record<string, unknown>)[k]));
      } catch (e) {
        throw withSegment(e, keySegment(k));
      }
    }
    return new Tag(out, TAG.RAW_OBJECT);
  }

  private error(e: Error): Tag {
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
    const written = this.ownFields(props);
    return new Tag(
      ownEnumerable.length > 0
        ? [builtin, registration?.id ?? null, written, ownEnumerable]
        : [builtin, registration?.id ?? null, written],
      TAG.ERROR,
    );
  }
}
