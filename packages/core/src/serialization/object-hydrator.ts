import { Tag } from 'cbor-x/index-no-eval';
import type { ClassRegistry } from './class-registry';
import type { ClassRegistration } from './serializable-catalog';
import { CLASS_TAGS, ERROR_CLASSES, TAG } from './object-tags';
import { checkIntegerKeys } from './integer-key-check';
import { serializationError } from './serialization-errors';
import { fromUtf16 } from './well-formed-strings';
import { LocalPath } from '../values/local-path';
import { defineOwn } from '../objects';

const PENDING = Symbol('pending');
/** The `typeof` of the primitive inside each kind of boxed primitive. */
const BOXED_TYPES = new Map([
  ['Number', 'number'],
  ['String', 'string'],
  ['Boolean', 'boolean'],
  ['BigInt', 'bigint'],
]);
/** Error fields that are non-enumerable unless the writer listed them as own enumerable (`/5`). */
const ERROR_FIELDS = ['name', 'message', 'stack', 'cause', 'errors'];

/** Settings of one decoding pass. @internal */
export interface HydrateSettings {
  readonly registry: ClassRegistry;
  readonly strict: boolean;
  readonly maxDepth: number;
  readonly warn: (message: string) => void;
  /**
   * The buffer of the bytes being read, when typed arrays must not share it: cbor-x hands out
   * views into it, which are then copied. `undefined`: views are kept.
   */
  readonly copyFrom: ArrayBufferLike | undefined;
}

function corrupt(what: string): Error {
  return serializationError(
    'SERIALIZATION_CORRUPT',
    `The stored object data is invalid: ${what}`,
    '$',
    'The artifact is damaged or was not written by the Stowage object fallback; log it again.',
  );
}

/**
 * Rebuilds values from the tree cbor-x decoded, in place where it can: resolves references by
 * pre-order position, revives registered classes by id (never by evaluating a name), and refuses
 * anything the encoder never writes. @internal
 */
export class Hydrator {
  private readonly objects: unknown[] = [];
  /** False for a value marked acyclic: no position list is kept, and any `REF` is corrupt. */
  private tracking = true;
  private readonly warned = new Set<string>();
  private depth = 0;
  /** The class table of a `/2` value, and its registrations once looked up (`null`: unknown). */
  private table: readonly string[] = [];
  private readonly resolved: (ClassRegistration | null | undefined)[] = [];

  constructor(private readonly settings: HydrateSettings) {}

  /** Rebuilds a whole decoded value (the only place a class table may appear). */
  root(v: unknown): unknown {
    if (!(v instanceof Tag) || (v.tag !== TAG.CLASS_TABLE && v.tag !== TAG.ACYCLIC_TABLE))
      return this.value(v);
    const items = this.list(v.value, true);
    const ids = items[0];
    if (
      items.length !== 2 ||
      !Array.isArray(ids) ||
      ids.length > CLASS_TAGS ||
      !ids.every((id) => typeof id === 'string')
    )
      throw corrupt('a class table');
    this.table = ids;
    this.tracking = v.tag !== TAG.ACYCLIC_TABLE;
    return this.value(items[1]);
  }

  value(v: unknown): unknown {
    return typeof v === 'object' && v !== null ? this.object(v) : v;
  }

  private object(v: object): unknown {
    if (++this.depth > this.settings.maxDepth)
      throw corrupt(`nesting deeper than ${this.settings.maxDepth} levels`);
    try {
      const proto = Object.getPrototypeOf(v) as object | null;
      if (proto === Object.prototype) {
        if (this.tracking) this.objects.push(v);
        return this.fieldsInPlace(v as Record<string, unknown>);
      }
      if (proto === Array.prototype) {
        if (this.tracking) this.objects.push(v);
        const a = v as unknown[];
        for (let i = 0; i < a.length; i++) {
          const x = a[i];
          if (typeof x === 'object' && x !== null) a[i] = this.object(x);
        }
        return v;
      }
      if (proto === Tag.prototype) return this.tag(v as Tag);
      if (proto === Date.prototype) return v;
      if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return this.typedArray(v);
      throw corrupt(
        `an unexpected ${(proto as { constructor?: { name?: string } } | null)?.constructor?.name ?? 'object'}`,
      );
    } finally {
      this.depth--;
    }
  }

  private tag(t: Tag): unknown {
    const p: unknown = t.value;
    switch (t.tag) {
      case TAG.REF: {
        const found = typeof p === 'number' && Number.isInteger(p) ? this.objects[p] : undefined;
        if (found === undefined || found === PENDING)
          throw corrupt(`a reference to #${String(p)} that is not (yet) defined`);
        return found;
      }
      case TAG.NEG_ZERO:
        return -0;
      case TAG.DATE:
        if (typeof p !== 'number') throw corrupt('a date that is not a number');
        return new Date(p);
      case TAG.CLASS:
        return this.instance(p);
      case TAG.MAP: {
        const items = this.list(p, true);
        checkIntegerKeys(items, 0, 2);
        const m = new Map<unknown, unknown>();
        if (this.tracking) this.objects.push(m);
        for (let i = 0; i < items.length; i += 2)
          m.set(this.value(items[i]), this.value(items[i + 1]));
        return m;
      }
      case TAG.SET: {
        const items = this.list(p, false);
        checkIntegerKeys(items, 0, 1);
        const s = new Set<unknown>();
        if (this.tracking) this.objects.push(s);
        for (const x of items) s.add(this.value(x));
        return s;
      }
      case TAG.ERROR:
        return this.error(p);
      case TAG.UTF16:
        return this.text(t);
      case TAG.URL: {
        if (typeof p !== 'string' || !URL.canParse(p)) throw corrupt('a URL');
        return this.track(new URL(p));
      }
      case TAG.BOXED:
        return this.track(this.boxed(p));
      case TAG.SHARED_ARRAY_BUFFER: {
        if (!(p instanceof Uint8Array)) throw corrupt('binary data that is not bytes');
        const shared = new SharedArrayBuffer(p.length);
        new Uint8Array(shared).set(p);
        return this.track(shared);
      }
      case TAG.LOCAL_PATH: {
        // the path as it was written (no resolving against this machine's working directory)
        const path = Object.create(LocalPath.prototype) as LocalPath;
        defineOwn(path, 'path', this.text(p));
        return this.track(path);
      }
      case TAG.REGEXP:
        return this.regexp(p);
      case TAG.SPARSE:
        return this.sparse(p);
      case TAG.ALIGNED:
        return this.aligned(p);
      case TAG.ARRAY_BUFFER:
      case TAG.DATA_VIEW: {
        if (!(p instanceof Uint8Array)) throw corrupt('binary data that is not bytes');
        const buffer = new Uint8Array(p).buffer;
        const out = t.tag === TAG.DATA_VIEW ? new DataView(buffer) : buffer;
        if (this.tracking) this.objects.push(out);
        return out;
      }
      case TAG.RAW_OBJECT: {
        const items = this.list(p, false);
        const o = (items[0] === true ? Object.create(null) : {}) as object;
        if (this.tracking) this.objects.push(o);
        for (let i = 1; i + 1 < items.length; i += 2)
          defineOwn(o, this.text(items[i], 'an object key'), this.value(items[i + 1]));
        return o;
      }
      default:
        if (t.tag >= TAG.CLASS_BASE && t.tag < TAG.CLASS_BASE + CLASS_TAGS)
          return this.tableInstance(t.tag - TAG.CLASS_BASE, p);
        throw corrupt(`the unknown tag ${t.tag}`);
    }
  }

  /** Records `o` at the next pre-order position (when positions are kept) and returns it. */
  private track<T>(o: T): T {
    if (this.tracking) this.objects.push(o);
    return o;
  }

  /** `[kind, primitive]`: a boxed primitive of that kind. */
  private boxed(p: unknown): object {
    const [kind, raw] = this.list(p, true);
    const v = kind === 'String' ? this.text(raw) : this.value(raw);
    if (typeof kind !== 'string' || BOXED_TYPES.get(kind) !== typeof v)
      throw corrupt('a boxed primitive');
    return Object(v) as object;
  }

  /** A string: as decoded, or rebuilt from a `UTF16` tag (a string UTF-8 cannot hold). */
  private text(v: unknown, what = 'a string'): string {
    if (typeof v === 'string') return v;
    const s = v instanceof Tag && v.tag === TAG.UTF16 ? fromUtf16(v.value) : undefined;
    if (s === undefined) throw corrupt(`${what} that is not text`);
    return s;
  }

  /** A decoded typed array: copied when it is a view into bytes the caller keeps. */
  private typedArray(v: ArrayBufferView): unknown {
    const out =
      v.buffer === this.settings.copyFrom
        ? (Uint8Array.prototype.slice.call(v as Uint8Array) as ArrayBufferView)
        : v;
    if (this.tracking) this.objects.push(out);
    return out;
  }

  /** `[filler, typedArray]`: the typed array (the filler only aligned its data). */
  private aligned(p: unknown): unknown {
    const [filler, array] = this.list(p, true);
    if (!(filler instanceof Uint8Array) || !ArrayBuffer.isView(array) || array instanceof DataView)
      throw corrupt('an aligned typed array');
    return this.typedArray(array);
  }

  private list(p: unknown, even: boolean): unknown[] {
    if (!Array.isArray(p) || (even && p.length % 2 !== 0))
      throw corrupt('a collection that is not a list');
    return p;
  }

  private instance(p: unknown): unknown {
    const [id, data, viaHooks] = this.list(p, false);
    if (typeof id !== 'string') throw corrupt('a class id that is not a string');
    const registration = this.settings.registry.lookup(id);
    if (registration === undefined) this.unregistered(id);
    if (viaHooks === true) return this.hookInstance(registration, data);
    if (
      typeof data !== 'object' ||
      data === null ||
      Object.getPrototypeOf(data) !== Object.prototype
    )
      throw corrupt(`the fields of "${id}" are not an object`);
    return this.revive(registration, data as Record<string, unknown>);
  }

  /** Revives an instance of the class at `index` of the class table. */
  private tableInstance(index: number, data: unknown): unknown {
    const id = this.table[index];
    if (id === undefined) throw corrupt(`class #${index}, which is not in the class table`);
    let registration = this.resolved[index];
    if (registration === undefined) {
      registration = this.settings.registry.lookup(id) ?? null;
      this.resolved[index] = registration;
    }
    if (registration === null) this.unregistered(id);
    if (
      typeof data !== 'object' ||
      data === null ||
      Object.getPrototypeOf(data) !== Object.prototype
    )
      throw corrupt(`the fields of "${id}" are not an object`);
    return this.revive(registration ?? undefined, data as Record<string, unknown>);
  }

  /**
   * Revives a class instance from its decoded fields object, in place: the fields are rebuilt
   * first and the prototype set last, so no setter of the class runs and a reference to the
   * instance from inside its own fields (a cycle) already points at the very object returned.
   */
  private revive(
    registration: ClassRegistration | undefined,
    data: Record<string, unknown>,
  ): unknown {
    const index = this.tracking ? this.objects.push(data) - 1 : -1;
    this.fieldsInPlace(data);
    if (registration === undefined) return data;
    if (registration.fromData === undefined)
      return Object.setPrototypeOf(data, registration.cls.prototype as object) as unknown;
    const built = registration.fromData(data);
    if (index >= 0) this.objects[index] = built;
    return built;
  }

  /** Revives an instance written through a `toData` hook (a cycle through it is refused). */
  private hookInstance(registration: ClassRegistration | undefined, data: unknown): unknown {
    const index = this.tracking ? this.objects.push(PENDING) - 1 : -1;
    const fields = this.value(data);
    let built: unknown = fields;
    if (registration?.fromData !== undefined) built = registration.fromData(fields);
    else if (registration !== undefined) {
      if (typeof fields !== 'object' || fields === null)
        throw corrupt(`the fields of "${registration.id}" are not an object`);
      built = Object.assign(Object.create(registration.cls.prototype as object) as object, fields);
    }
    if (index >= 0) this.objects[index] = built;
    return built;
  }

  private fieldsInPlace(o: Record<string, unknown>): Record<string, unknown> {
    for (const k in o) {
      if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
      const x = o[k];
      if (typeof x === 'object' && x !== null) o[k] = this.object(x);
    }
    return o;
  }

  private unregistered(id: string): void {
    if (this.settings.strict) {
      throw serializationError(
        'SERIALIZATION_UNREGISTERED_CLASS',
        `The stored value holds an instance of "${id}", which is not registered here`,
        '$',
        `Import the module that declares @Serializable('${id}'), or classes.registerClass(TheClass, '${id}').`,
      );
    }
    if (this.warned.has(id)) return;
    this.warned.add(id);
    this.settings.warn(
      `The stored class "${id}" is not registered here, so its instances come back as plain objects. ` +
        `Import the module that declares @Serializable('${id}') or register the class under that id.`,
    );
  }

  private error(p: unknown): Error {
    const [builtin, id, props, ownEnumerable = []] = this.list(p, false);
    if (
      !Array.isArray(ownEnumerable) ||
      ownEnumerable.length > ERROR_FIELDS.length ||
      !ownEnumerable.every((k) => ERROR_FIELDS.includes(k as string)) ||
      typeof builtin !== 'string' ||
      typeof props !== 'object' ||
      props === null ||
      Object.getPrototypeOf(props) !== Object.prototype
    ) {
      throw corrupt('an error record');
    }
    const registration = typeof id === 'string' ? this.settings.registry.lookup(id) : undefined;
    if (typeof id === 'string' && registration === undefined) this.unregistered(id);
    const base = ERROR_CLASSES.get(builtin) ?? Error;
    const proto =
      registration !== undefined && registration.cls.prototype instanceof Error
        ? registration.cls.prototype
        : base.prototype;
    const e = Object.create(proto) as Error;
    if (this.tracking) this.objects.push(e);
    for (const [k, raw] of Object.entries(props as Record<string, unknown>)) {
      const v = this.value(raw);
      const enumerable = !ERROR_FIELDS.includes(k) || ownEnumerable.includes(k);
      // an inherited name (the usual case) is written only for reading; it stays inherited
      if (k !== 'name' || enumerable || v !== e.name) defineOwn(e, k, v, enumerable);
    }
    return e;
  }

  private regexp(p: unknown): RegExp {
    const [rawSource, flags] = this.list(p, true);
    const source = this.text(rawSource, 'a regular expression source');
    if (typeof flags !== 'string') throw corrupt('a regular expression record');
    try {
      const r = new RegExp(source, flags);
      if (this.tracking) this.objects.push(r);
      return r;
    } catch {
      throw corrupt('an invalid regular expression');
    }
  }

  private sparse(p: unknown): unknown[] {
    const items = this.list(p, false);
    const length = items[0];
    if (
      typeof length !== 'number' ||
      !Number.isInteger(length) ||
      length < 0 ||
      length > 2 ** 32 - 1
    )
      throw corrupt('a sparse array length');
    const a: unknown[] = [];
    a.length = length; // no backing store: the length may be up to 2^32 - 1 from a few bytes
    if (this.tracking) this.objects.push(a);
    for (let i = 1; i + 1 < items.length; i += 2) {
      const index = items[i];
      if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= length)
        throw corrupt('a sparse array index');
      a[index] = this.value(items[i + 1]);
    }
    return a;
  }
}
