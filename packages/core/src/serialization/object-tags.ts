/**
 * CBOR tag numbers of the object fallback's format (`stowage-object/5`; `/1` is `/2` without
 * `CLASS_TABLE` and the class tags, `/2` is `/3` without `ACYCLIC_TABLE`, `/3` is `/4` without
 * `ALIGNED`, `/4` is `/5` without `URL`, `LOCAL_PATH`, `UTF16`, `BOXED`, `SHARED_ARRAY_BUFFER`
 * and the error's own-enumerable list), in the first-come range, below the tags cbor-x reserves for its records (0xdff9 and up).
 * @internal
 */
export const TAG = {
  /** `[id, fields]` or `[id, hookData, true]`: an instance of a registered class. */
  CLASS: 41901,
  /** `index`: the object already seen at that pre-order position (shared reference or cycle). */
  REF: 41902,
  /** `[k1, v1, k2, v2, …]`: a Map. */
  MAP: 41903,
  /** `[v1, v2, …]`: a Set. */
  SET: 41904,
  /**
   * `[builtinName, classId | null, {name, message, stack, cause?, errors?, …}, ownEnumerable?]`:
   * an Error; `ownEnumerable` (`/5`) lists which of `name`, `message`, `stack`, `cause` and
   * `errors` were own enumerable properties (they are read back as non-enumerable otherwise).
   */
  ERROR: 41905,
  /** `[source, flags]`: a RegExp. */
  REGEXP: 41906,
  /** `0`: the number -0. */
  NEG_ZERO: 41907,
  /** `[length, i1, v1, i2, v2, …]`: an array with holes. */
  SPARSE: 41908,
  /** bytes: an ArrayBuffer. */
  ARRAY_BUFFER: 41909,
  /** bytes: a DataView. */
  DATA_VIEW: 41910,
  /** `[nullPrototype, k1, v1, …]`: an object with a null prototype or a `"__proto__"` own key. */
  RAW_OBJECT: 41911,
  /** `milliseconds`: a Date too far from 1970 for cbor-x's float-seconds form to keep exact. */
  DATE: 41912,
  /** `[[id0, id1, …], root]`: the outermost value when classes are written by table index. */
  CLASS_TABLE: 41913,
  /**
   * `[[id0, id1, …], root]`: as `CLASS_TABLE` (the table may be empty), and the value holds no
   * `REF` (no shared reference, no cycle), so the reader keeps no position list (`/3`).
   */
  ACYCLIC_TABLE: 41914,
  /**
   * `[filler, typedArray]`: a large typed array whose data starts a multiple of 8 bytes from the
   * start of the encoding (the filler, a byte string of 0–7 bytes, is sized after encoding), so a
   * reader can hand out a view instead of a copy (`/4`).
   */
  ALIGNED: 41915,
  /** `href`: a WHATWG `URL` (`/5`). */
  URL: 41916,
  /** `path`: a Stowage `LocalPath` (`/5`). */
  LOCAL_PATH: 41917,
  /**
   * bytes, the UTF-16 code units of a string (little-endian): a string or key that is not
   * well-formed Unicode (a lone surrogate), which UTF-8 cannot hold (`/5`).
   */
  UTF16: 41918,
  /** `[kind, primitive]`: a boxed primitive (`new Number(1)`…; kind `Number`, `String`, `Boolean` or `BigInt`) (`/5`). */
  BOXED: 41919,
  /** bytes: a `SharedArrayBuffer` (read back as a new, unshared one of the same bytes) (`/5`). */
  SHARED_ARRAY_BUFFER: 41920,
  /** `CLASS_BASE + i`, over a fields object: an instance of the class `i` of the class table. */
  CLASS_BASE: 42000,
} as const;

/** How many classes a value can write by table index (tags `CLASS_BASE` …); others use `CLASS`. */
export const CLASS_TAGS = 4096;

/** The builtin Error classes the fallback revives by name (a fixed allow-list). @internal */
export const ERROR_CLASSES: ReadonlyMap<string, ErrorConstructor | AggregateErrorConstructor> =
  new Map<string, ErrorConstructor | AggregateErrorConstructor>([
    ['Error', Error],
    ['TypeError', TypeError],
    ['RangeError', RangeError],
    ['SyntaxError', SyntaxError],
    ['ReferenceError', ReferenceError],
    ['EvalError', EvalError],
    ['URIError', URIError],
    ['AggregateError', AggregateError],
  ]);
