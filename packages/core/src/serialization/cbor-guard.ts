import type { ErrorCode } from '../errors/error-codes';
import { SerializationError } from '../errors/serialization.error';
import { CLASS_TAGS, TAG } from './object-tags';

/** Limits a {@link guardCbor} pass enforces. @internal */
export interface CborLimits {
  /** Deepest nesting of CBOR arrays, maps and tags. */
  readonly maxNesting: number;
  /** Largest bignum (tags 2 and 3), in bytes. */
  readonly maxBigIntBytes: number;
}

/** Called for every `ALIGNED` item: where its filler starts and where its typed array's data starts. */
export type AlignedVisitor = (fillerAt: number, dataAt: number) => void;

/** Tags at and above this one may be cbor-x record ids (cbor-x checks them before anything else). */
const RECORD_FIRST = 0xdff9;
/** cbor-x's inline record definition: `[id, [keys…], values…]`. */
const RECORD_INLINE = 0xdfff;
const RECORD_BASE = 0xe000;
/** The largest filler an `ALIGNED` item carries (a byte string of up to 7 bytes). */
const MAX_FILLER = 7;

/** Element size of the typed-array tags the encoder writes (little-endian only), else 0. */
function elementSize(tag: number): number {
  switch (tag) {
    case 64: // Uint8Array
    case 68: // Uint8ClampedArray
    case 72: // Int8Array
      return 1;
    case 69: // Uint16Array
    case 77: // Int16Array
      return 2;
    case 70: // Uint32Array
    case 78: // Int32Array
    case 85: // Float32Array
      return 4;
    case 71: // BigUint64Array
    case 79: // BigInt64Array
    case 86: // Float64Array
      return 8;
    default:
      return 0;
  }
}

const FIX =
  'The artifact is damaged or was not written by the Stowage object fallback; log the value again.';

function invalid(
  code: ErrorCode,
  what: string,
  offset: number,
  fix = FIX,
  details: Record<string, unknown> = {},
): SerializationError {
  return new SerializationError(`The stored object data is invalid: ${what} (at byte ${offset}).`, {
    code,
    details: { offset, ...details },
    fix,
  });
}

/** The argument of a header with additional info `info` whose value starts at `p`; -1 if absent. */
function argument(b: Uint8Array, p: number, info: number): number {
  switch (info) {
    case 24:
      return b[p]!;
    case 25:
      return (b[p]! << 8) | b[p + 1]!;
    case 26:
      return b[p]! * 0x1000000 + ((b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!);
    default: // 27: cbor-x reads lengths and tags as the low 32 bits and refuses the rest
      if ((b[p]! | b[p + 1]! | b[p + 2]! | b[p + 3]!) !== 0) return -1;
      return b[p + 4]! * 0x1000000 + ((b[p + 5]! << 16) | (b[p + 6]! << 8) | b[p + 7]!);
  }
}

/** Header size in bytes for additional info 24–27 (the bytes after the initial byte). */
const EXTRA = [1, 2, 4, 8];

function corrupt(what: string, at: number): SerializationError {
  return invalid('SERIALIZATION_CORRUPT', what, at);
}

function unknownTag(t: number, at: number): SerializationError {
  return invalid(
    'SERIALIZATION_CORRUPT',
    `CBOR tag ${t}, which the object fallback never writes`,
    at,
    'Only data written by the Stowage object fallback can be read; the artifact is damaged or hostile: log the value again.',
    { tag: t },
  );
}

function tooDeep(limit: number, at: number): SerializationError {
  return invalid(
    'SERIALIZATION_TOO_DEEP',
    `nesting deeper than ${limit} levels`,
    at,
    'Raise maxDepth if the data is trusted; otherwise the data is damaged or hostile.',
  );
}

/**
 * One pass over encoded bytes that checks their structure before cbor-x reads them, with one
 * loop and a stack of counts (no recursion, nothing allocated per item): every header is well
 * formed, every length fits in the bytes that remain (so nothing is ever allocated larger than
 * the input can fill), nesting stays under the limit, no indefinite lengths or maps (the encoder
 * writes objects as cbor-x records), and only the tags Stowage writes appear, each with the
 * content it writes. Record ids are tracked exactly as cbor-x resolves them. @internal
 */
function walk(b: Uint8Array, limits: CborLimits, onAligned: AlignedVisitor | undefined): void {
  const end = b.length;
  const maxNesting = limits.maxNesting;
  /** Items left in each enclosing container. */
  const counts: number[] = [];
  let depth = 0;
  let left = 1;
  let pos = 0;
  /** Number of keys of each cbor-x record id defined so far (-1: not defined). */
  let records: Int32Array | undefined;
  for (;;) {
    if (left === 0) {
      if (depth === 0) break;
      left = counts[--depth]!;
      continue;
    }
    left--;
    if (pos >= end) throw corrupt('data that ends too early', pos);
    const at = pos;
    const ib = b[pos++]!;
    const major = ib >> 5;
    const info = ib & 31;
    let n = info;
    if (info >= 24) {
      if (info > 27) {
        throw corrupt(
          info === 31 ? 'an indefinite-length item or a break' : 'a reserved header value',
          at,
        );
      }
      const extra = EXTRA[info - 24]!;
      if (extra > end - pos) throw corrupt('data that ends too early', at);
      if (major === 7) {
        if (info === 24) throw corrupt('a simple value the encoder never writes', at);
        pos += extra; // a float
        continue;
      }
      n = major < 2 ? 0 : argument(b, pos, info);
      if (n < 0) throw corrupt('a length or tag over 32 bits', at);
      pos += extra;
    }
    switch (major) {
      case 0:
      case 1:
        continue;
      case 2:
      case 3:
        if (n > end - pos) throw corrupt('a length beyond the end of the data', at);
        pos += n;
        continue;
      case 4:
        if (n > end - pos) throw corrupt('a length beyond the end of the data', at);
        if (n === 0) continue;
        break;
      case 5:
        throw corrupt('a CBOR map (the encoder writes objects as records)', at);
      case 7:
        if (info < 20) throw corrupt('a simple value the encoder never writes', at);
        continue;
      default: {
        // a tag
        const t = n;
        if (t >= RECORD_FIRST) {
          if (t > 0xffff) throw unknownTag(t, at);
          const keys = records?.[t & 0x1fff] ?? -1;
          if (keys >= 0) {
            // the values of an object of a record defined earlier, as cbor-x reads them
            if (keys < 24 && b[pos] === (0x80 | keys)) {
              pos++;
              if (keys > end - pos) throw corrupt('a length beyond the end of the data', at);
              n = keys;
              if (n === 0) continue;
              if (depth >= maxNesting) throw tooDeep(maxNesting, at);
              counts[depth++] = left;
              left = n;
              continue;
            }
            const h = recordHeader(b, pos, end);
            if (h.length !== keys) throw corrupt('a record with the wrong number of values', at);
            pos = h.next;
            n = keys;
          } else if (t === RECORD_INLINE) {
            // [id, [key…], value…]: defines record `id`, then the values of one object
            const h = recordHeader(b, pos, end);
            if (h.length < 2) throw corrupt('a record definition without keys', at);
            pos = h.next;
            const idByte = b[pos] ?? 0xff;
            if (idByte !== 0x19) throw corrupt('a record id out of range', at);
            if (2 > end - pos - 1) throw corrupt('data that ends too early', at);
            const id = (b[pos + 1]! << 8) | b[pos + 2]!;
            if (id < RECORD_BASE) throw corrupt('a record id out of range', at);
            pos += 3;
            const k = recordHeader(b, pos, end, true);
            if (k.length !== h.length - 2)
              throw corrupt('a record definition whose keys and values differ in number', at);
            pos = k.next;
            for (let i = 0; i < k.length; i++) pos = text(b, pos, end);
            (records ??= new Int32Array(0x2000).fill(-1))[id - RECORD_BASE] = k.length;
            n = k.length;
          } else throw unknownTag(t, at);
        } else if (
          (t >= TAG.CLASS && t <= TAG.ACYCLIC_TABLE) ||
          (t >= TAG.URL && t <= TAG.SHARED_ARRAY_BUFFER) ||
          (t >= TAG.CLASS_BASE && t < TAG.CLASS_BASE + CLASS_TAGS)
        ) {
          n = 1;
        } else if (t === TAG.ALIGNED) {
          pos = aligned(b, pos, end, at, onAligned);
          continue;
        } else if (t === 1) {
          // a Date: seconds as an integer or a float
          const c = b[pos] ?? 0;
          if (c >> 5 > 1 && (c < 0xf9 || c > 0xfb))
            throw corrupt('a date that is not a number', at);
          n = 1;
        } else if (t === 2 || t === 3) {
          const h = byteString(b, pos, end, at);
          if (h.length > limits.maxBigIntBytes) {
            throw invalid(
              'SERIALIZATION_TOO_LARGE',
              `a big integer of ${h.length} bytes, over the limit of ${limits.maxBigIntBytes}`,
              at,
              'Raise maxBigIntBytes if the data is trusted.',
            );
          }
          pos = h.next + h.length;
          continue;
        } else {
          const size = elementSize(t);
          if (size === 0) throw unknownTag(t, at);
          const h = byteString(b, pos, end, at);
          if (h.length % size !== 0) throw corrupt('a typed array with a partial element', at);
          pos = h.next + h.length;
          continue;
        }
        if (n === 0) continue;
      }
    }
    // enter a container (array, tag content, record values) of n items
    if (depth >= maxNesting) throw tooDeep(maxNesting, at);
    counts[depth++] = left;
    left = n;
  }
  if (pos !== end) throw corrupt('bytes after the end of the value', pos);
}

/** A header as cbor-x's record readers read it: a definite array, at most a 32-bit length. */
function recordHeader(
  b: Uint8Array,
  pos: number,
  end: number,
  anyLength = false,
): { length: number; next: number } {
  const ib = b[pos] ?? 0;
  const info = ib & 31;
  if (ib >> 5 !== 4 || info > (anyLength ? 27 : 26))
    throw corrupt('a record that is not a list', pos);
  const extra = info < 24 ? 0 : EXTRA[info - 24]!;
  if (extra > end - pos - 1) throw corrupt('data that ends too early', pos);
  const length = info < 24 ? info : argument(b, pos + 1, info);
  const next = pos + 1 + extra;
  if (length < 0 || length > end - next) throw corrupt('a length beyond the end of the data', pos);
  return { length, next };
}

/** A definite byte string header at `pos`: its length and where its bytes start. */
function byteString(
  b: Uint8Array,
  pos: number,
  end: number,
  at: number,
): { length: number; next: number } {
  const ib = b[pos] ?? 0;
  const info = ib & 31;
  if (ib >> 5 !== 2 || info > 27) throw corrupt('binary data that is not a byte string', at);
  const extra = info < 24 ? 0 : EXTRA[info - 24]!;
  if (extra > end - pos - 1) throw corrupt('data that ends too early', at);
  const length = info < 24 ? info : argument(b, pos + 1, info);
  const next = pos + 1 + extra;
  if (length < 0 || length > end - next) throw corrupt('a length beyond the end of the data', at);
  return { length, next };
}

/** A definite text string (a record key) at `pos`; returns where it ends. */
function text(b: Uint8Array, pos: number, end: number): number {
  const ib = b[pos] ?? 0;
  const info = ib & 31;
  if (ib >> 5 !== 3 || info > 27) throw corrupt('an object key that is not a string', pos);
  const extra = info < 24 ? 0 : EXTRA[info - 24]!;
  if (extra > end - pos - 1) throw corrupt('data that ends too early', pos);
  const length = info < 24 ? info : argument(b, pos + 1, info);
  const next = pos + 1 + extra;
  if (length < 0 || length > end - next) throw corrupt('a length beyond the end of the data', pos);
  return next + length;
}

/** `[filler, typedArray]` after tag `ALIGNED`: a typed array whose data the writer aligned. */
function aligned(
  b: Uint8Array,
  pos: number,
  end: number,
  at: number,
  onAligned: AlignedVisitor | undefined,
): number {
  if (b[pos] !== 0x82) throw corrupt('an aligned typed array that is not a pair', at);
  const fillerAt = pos + 1;
  const filler = byteString(b, fillerAt, end, at);
  if (filler.length > MAX_FILLER) throw corrupt('an aligned typed array filler too long', at);
  let p = filler.next + filler.length;
  const ib = b[p] ?? 0;
  const info = ib & 31;
  let t = -1;
  if (ib >> 5 === 6 && info < 24) t = info;
  else if (ib === 0xd8 && p + 1 < end) t = b[p + 1]!;
  const size = elementSize(t);
  if (size < 2) throw corrupt('an aligned value that is not a typed array', at);
  p += ib === 0xd8 ? 2 : 1;
  const data = byteString(b, p, end, at);
  if (data.length % size !== 0) throw corrupt('a typed array with a partial element', at);
  onAligned?.(fillerAt, data.next);
  return data.next + data.length;
}

/**
 * Checks that `bytes` hold one CBOR item of the shape the object fallback writes, within
 * `limits`, before cbor-x allocates anything for it.
 *
 * @throws SerializationError `SERIALIZATION_CORRUPT` (malformed, truncated, a length beyond the
 * data, indefinite lengths, stray simple values, a record cbor-x would misread, or a tag Stowage
 * never writes — such as cbor-x's value-sharing tags 28 and 29 — with the tag in `details.tag`),
 * `SERIALIZATION_TOO_DEEP`, or `SERIALIZATION_TOO_LARGE` (a bignum over the limit).
 * @internal
 */
export function guardCbor(bytes: Uint8Array, limits: CborLimits, onAligned?: AlignedVisitor): void {
  try {
    walk(bytes, limits, onAligned);
  } catch (error) {
    if (error instanceof SerializationError) throw error;
    throw new SerializationError('The stored object data could not be checked.', {
      code: 'SERIALIZATION_CORRUPT',
      cause: error,
      fix: FIX,
    });
  }
}
