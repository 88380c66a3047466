import { Decoder } from 'cbor-x/index-no-eval';
import { SerializationError } from '../errors/serialization.error';
import { ClassRegistry } from './class-registry';
import { Dehydrator } from './object-dehydrator';
import { Hydrator } from './object-hydrator';
import { installBignumReaders, isBignum } from './cbor-bignum';
import { CborWriter } from './cbor-writer';
import { isWellFormed } from './well-formed-strings';
import { guardCbor, type CborLimits } from './cbor-guard';
import { TAG } from './object-tags';
import { alignTypedArrays } from './typed-array-alignment';
import {
  currentRuntime,
  runtimeDifferences,
  type ObjectRuntimeRecord,
} from './serialization-runtime';

/** Options of an {@link ObjectSerializer}. */
export interface ObjectSerializerOptions {
  /** The classes it may revive (default: a new registry that sees `@Serializable` classes). */
  readonly registry?: ClassRegistry;
  /** Throw instead of warning on unregistered classes (default false). */
  readonly strict?: boolean;
  /** Deepest nesting written or read (default 1000). */
  readonly maxDepth?: number;
  /** Largest encoded size written or read, in bytes (default 1 GiB). */
  readonly maxBytes?: number;
  /** Largest bigint written or read, in bytes of its magnitude (default 16 MiB). */
  readonly maxBigIntBytes?: number;
  /** Receives warnings (default: `process.emitWarning`). */
  readonly warn?: (message: string) => void;
}

/** Options of one {@link ObjectSerializer.decode} call. */
export interface DecodeOptions {
  /**
   * Let decoded typed arrays be views into `bytes` instead of copies (default false). Pass true
   * only when nothing else uses `bytes` afterwards: it saves a copy of every typed array (large
   * ones are stored aligned, so they can be views), and the views keep `bytes` alive.
   */
  readonly shareBuffer?: boolean;
}

/** What {@link ObjectSerializer.encode} returns. */
export interface EncodedObject {
  readonly bytes: Uint8Array;
  /** To store with the bytes and pass back to {@link ObjectSerializer.decode}. */
  readonly runtime: ObjectRuntimeRecord;
}

/**
 * The object fallback ("pickle, but safe"): keeps class instances, Maps, Sets, Dates, RegExps,
 * bigints, typed arrays, `undefined`, `-0`, `NaN`, holes, shared references, cycles and Errors.
 *
 * @remarks
 * Built on cbor-x's no-eval build. Decoding never runs code from the data: class instances are
 * revived only for ids found in the {@link ClassRegistry}; `__proto__` keys never set a
 * prototype; nesting and size are limited. See `docs/object-fallback.md`.
 *
 * @example
 * ```ts
 * const classes = new ClassRegistry().registerClass(Point, 'geo.Point');
 * const serializer = new ObjectSerializer({ registry: classes });
 * const { bytes, runtime } = serializer.encode({ at: new Point(1, 2) });
 * serializer.decode(bytes, runtime); // { at: Point { x: 1, y: 2 } }
 * ```
 */
export class ObjectSerializer {
  readonly registry: ClassRegistry;
  private readonly strict: boolean;
  private readonly maxDepth: number;
  private readonly maxBytes: number;
  private readonly limits: CborLimits;
  private readonly warn: (message: string) => void;
  private readonly decoder = new Decoder({
    useRecords: true,
    copyBuffers: false,
    mapsAsObjects: true,
  });

  constructor(options: ObjectSerializerOptions = {}) {
    this.registry = options.registry ?? new ClassRegistry();
    this.strict = options.strict ?? false;
    this.maxDepth = options.maxDepth ?? 1000;
    this.maxBytes = options.maxBytes ?? 1024 ** 3;
    this.limits = {
      // a level of the value is at most three CBOR levels (a tag, a record, its values)
      maxNesting: 3 * this.maxDepth + 4,
      maxBigIntBytes: options.maxBigIntBytes ?? 16 * 1024 ** 2,
    };
    installBignumReaders();
    this.warn = options.warn ?? ((m) => process.emitWarning(m, 'StowageWarning'));
  }

  /**
   * Encodes a value.
   *
   * @throws SerializationError (`SERIALIZATION_UNSUPPORTED_VALUE`, `SERIALIZATION_UNREGISTERED_CLASS`
   * in strict mode, `SERIALIZATION_TOO_DEEP`, `SERIALIZATION_TOO_LARGE`) naming the path.
   */
  encode(value: unknown, warn: (message: string) => void = this.warn): EncodedObject {
    const settings = {
      registry: this.registry,
      strict: this.strict,
      maxDepth: this.maxDepth,
      maxBigIntBytes: this.limits.maxBigIntBytes,
      warn,
    };
    const dehydrator = new Dehydrator(settings);
    dehydrator.value(value);
    let bytes: Uint8Array;
    try {
      bytes = dehydrator.out.finish(tableHeader(value, dehydrator.classIds, dehydrator.shared));
    } catch (cause) {
      throw new SerializationError('The object fallback could not encode the value.', {
        code: 'SERIALIZATION_FAILED',
        cause,
        fix: 'Report this with the value that failed; as a workaround register a toData hook for its class.',
      });
    }
    if (dehydrator.aligned) bytes = alignTypedArrays(bytes, this.limits);
    this.checkSize(bytes.length, 'encoded');
    return { bytes, runtime: currentRuntime(dehydrator.classes.values()) };
  }

  /**
   * Decodes bytes written by {@link encode}; when the writing runtime is given and differs from
   * this one, emits one warning listing the differences.
   *
   * @remarks
   * Before cbor-x reads anything, one pass over the bytes checks their structure: every length
   * fits in the bytes that remain, nesting and bignums stay under the limits, and only the tags
   * the fallback writes appear (so nothing is allocated that the input cannot fill).
   *
   * @throws SerializationError (`SERIALIZATION_CORRUPT`, with `details.tag` for a tag the fallback
   * never writes; `SERIALIZATION_TOO_LARGE`, `SERIALIZATION_TOO_DEEP`,
   * `SERIALIZATION_UNREGISTERED_CLASS` in strict mode) — never any other error.
   */
  decode(
    bytes: Uint8Array,
    runtime?: Partial<ObjectRuntimeRecord>,
    warn: (message: string) => void = this.warn,
    options: DecodeOptions = {},
  ): unknown {
    this.checkSize(bytes.length, 'stored');
    guardCbor(bytes, this.limits);
    if (runtime !== undefined) {
      const diffs = runtimeDifferences(runtime, (id) => this.registry.lookup(id));
      if (diffs.length > 0)
        warn(`The stored object was written by a different runtime: ${diffs.join('; ')}.`);
    }
    let tree: unknown;
    try {
      tree = this.decoder.decode(bytes);
      // cbor-x keeps a DataView of the last bytes it read; point it at a constant instead, so the
      // caller's bytes can be freed as soon as the caller drops them
      this.decoder.decode(RELEASE);
    } catch (cause) {
      throw new SerializationError(
        'The stored object data is not valid CBOR (truncated or damaged).',
        {
          code: 'SERIALIZATION_CORRUPT',
          cause,
          fix: 'Log the value again; the stored bytes are damaged.',
        },
      );
    }
    const settings = {
      registry: this.registry,
      strict: this.strict,
      maxDepth: this.maxDepth,
      warn,
      copyFrom: options.shareBuffer === true ? undefined : bytes.buffer,
    };
    try {
      return new Hydrator(settings).root(tree);
    } catch (cause) {
      if (cause instanceof SerializationError) throw cause;
      throw new SerializationError('The stored object data could not be rebuilt.', {
        code: 'SERIALIZATION_CORRUPT',
        cause,
        fix: 'Log the value again; the stored bytes are damaged or from an incompatible writer.',
      });
    }
  }

  private checkSize(size: number, which: string): void {
    if (size > this.maxBytes) {
      throw new SerializationError(
        `The ${which} object is ${size} bytes, over the limit of ${this.maxBytes}.`,
        {
          code: 'SERIALIZATION_TOO_LARGE',
          details: { size, maxBytes: this.maxBytes },
          fix: 'Raise maxBytes if the data is trusted, or store large parts as their own artifacts.',
        },
      );
    }
  }
}

/** One CBOR `null`, decoded after every read (see {@link ObjectSerializer.decode}). */
const RELEASE = Uint8Array.of(0xf6);

/**
 * The header written before the root: its class table. When nothing in the value is referenced
 * twice, the acyclic table tells the reader it can skip reference bookkeeping altogether. A root
 * the format writes as a tagged or structured item (any object, `-0`, a bignum, a string UTF-8
 * cannot hold) always gets a table; a shared one only when some class is written by index.
 */
function tableHeader(
  root: unknown,
  ids: readonly string[],
  shared: boolean,
): CborWriter | undefined {
  const structured =
    typeof root === 'object'
      ? root !== null
      : typeof root === 'number'
        ? Object.is(root, -0)
        : typeof root === 'bigint'
          ? isBignum(root)
          : typeof root === 'string' && !isWellFormed(root);
  if (shared ? ids.length === 0 : !structured) return undefined;
  const out = new CborWriter(64);
  out.tag(shared ? TAG.CLASS_TABLE : TAG.ACYCLIC_TABLE);
  out.array(2);
  out.array(ids.length);
  for (const id of ids) out.string(id);
  return out;
}
