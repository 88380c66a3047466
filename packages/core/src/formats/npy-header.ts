import { UnpackingError } from '../errors/unpacking.error';

/** The fields of a `.npy` header. */
export interface NpyHeader {
  /** The numpy `descr`, e.g. `<f8`. */
  readonly descr: string;
  readonly fortranOrder: boolean;
  readonly shape: readonly number[];
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const ALIGN = 64;
const GROWTH_AXIS_MAX_DIGITS = 21;

/**
 * Builds the header bytes numpy's `np.save` writes for an array (format 1.0, or 2.0 when the
 * header does not fit in 64 KiB), byte for byte: sorted keys, growth padding, 64-byte alignment.
 */
export function encodeNpyHeader(header: NpyHeader): Uint8Array {
  const { shape } = header;
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let text = `{'descr': '${header.descr}', 'fortran_order': ${header.fortranOrder ? 'True' : 'False'}, 'shape': ${shapeText}, }`;
  if (shape.length > 0) {
    const axis = shape[header.fortranOrder ? shape.length - 1 : 0] ?? 0;
    text += ' '.repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - String(axis).length));
  }
  for (const [major, lenSize] of [
    [1, 2],
    [2, 4],
  ] as const) {
    const hlen = text.length + 1;
    const padlen = ALIGN - ((8 + lenSize + hlen) % ALIGN);
    const total = hlen + padlen;
    if (lenSize === 2 && total >= 0x10000) continue;
    const out = new Uint8Array(8 + lenSize + total);
    out.set(MAGIC, 0);
    out[6] = major;
    out[7] = 0;
    const view = new DataView(out.buffer);
    if (lenSize === 2) view.setUint16(8, total, true);
    else view.setUint32(8, total, true);
    const body = `${text}${' '.repeat(padlen)}\n`;
    for (let i = 0; i < body.length; i++) out[8 + lenSize + i] = body.charCodeAt(i) & 0xff;
    return out;
  }
  /* istanbul ignore next: a 4 GiB header cannot be built */
  throw new RangeError('npy header too large');
}

function invalid(what: string, where: string): UnpackingError {
  return new UnpackingError(`The .npy data of ${where} is not valid: ${what}.`, {
    code: 'NPY_INVALID',
    details: { where },
    fix: 'Check that the artifact was written by numpy.save or Stowage and is not truncated.',
  });
}

/**
 * Reads the header at the start of `.npy` bytes.
 *
 * @returns the header and the offset where the array data starts.
 * @throws UnpackingError (`NPY_INVALID`) when the magic, version or header dict is malformed.
 */
export function decodeNpyHeader(
  bytes: Uint8Array,
  where = 'the input',
): { header: NpyHeader; dataOffset: number } {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b))
    throw invalid('missing the \\x93NUMPY magic', where);
  const major = bytes[6];
  if (major !== 1 && major !== 2 && major !== 3)
    throw invalid(`unknown format version ${String(major)}`, where);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lenSize = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lenSize) throw invalid('the header is truncated', where);
  const hlen = lenSize === 2 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataOffset = 8 + lenSize + hlen;
  if (bytes.length < dataOffset) throw invalid('the header is truncated', where);
  const raw = bytes.subarray(8 + lenSize, dataOffset);
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString(
    major === 3 ? 'utf8' : 'latin1',
  );
  return { header: parseHeaderDict(text, where), dataOffset };
}

type Token = string | number | boolean | { readonly punct: string };

/** The value of a header key that holds a list (a structured dtype's fields). */
const STRUCTURED = Symbol('structured');

function structured(where: string): UnpackingError {
  return new UnpackingError(`The .npy data of ${where} has a structured dtype (named fields).`, {
    code: 'NPY_UNSUPPORTED_DTYPE',
    details: { where },
    fix: 'Stowage reads plain numeric dtypes only: save each field as its own array, e.g. np.savez(path, **{n: a[n] for n in a.dtype.names}).',
  });
}

/** The index after the `]` that closes the list opened just before `start` (brackets nest). */
function skipNested(t: readonly Token[], start: number, where: string): number {
  let depth = 1;
  let i = start;
  while (depth > 0) {
    const tok = t[i++];
    if (tok === undefined) throw invalid('a list in the header is not closed', where);
    if (typeof tok === 'object' && (tok.punct === '[' || tok.punct === '(')) depth++;
    if (typeof tok === 'object' && (tok.punct === ']' || tok.punct === ')')) depth--;
  }
  return i;
}

function tokenize(text: string, where: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(True|False)|(\d+)L?|([{}():,[\]]))/y;
  let pos = 0;
  const trimmed = text.trimEnd();
  while (pos < trimmed.length) {
    re.lastIndex = pos;
    const m = re.exec(trimmed);
    if (m === null) throw invalid(`unexpected text in the header at ${pos}`, where);
    pos = re.lastIndex;
    if (m[1] !== undefined || m[2] !== undefined) tokens.push(m[1] ?? m[2] ?? '');
    else if (m[3] !== undefined) tokens.push(m[3] === 'True');
    else if (m[4] !== undefined) tokens.push(Number(m[4]));
    else tokens.push({ punct: m[5] ?? '' });
  }
  return tokens;
}

function parseHeaderDict(text: string, where: string): NpyHeader {
  const t = tokenize(text, where);
  let i = 0;
  const punct = (p: string): boolean => {
    const tok = t[i];
    if (typeof tok === 'object' && tok.punct === p) {
      i++;
      return true;
    }
    return false;
  };
  const expect = (p: string): void => {
    if (!punct(p)) throw invalid(`expected "${p}" in the header dict`, where);
  };
  const fields = new Map<string, unknown>();
  expect('{');
  while (!punct('}')) {
    const key = t[i++];
    if (typeof key !== 'string') throw invalid('a header key is not a string', where);
    expect(':');
    if (punct('[')) {
      i = skipNested(t, i, where);
      fields.set(key, STRUCTURED);
    } else if (punct('(')) {
      const dims: number[] = [];
      while (!punct(')')) {
        const d = t[i++];
        if (typeof d !== 'number' || !Number.isSafeInteger(d))
          throw invalid('the shape is not a tuple of integers', where);
        dims.push(d);
        if (!punct(',')) {
          expect(')');
          break;
        }
      }
      fields.set(key, dims);
    } else {
      const v = t[i++];
      if (v === undefined || typeof v === 'object')
        throw invalid(`the header value of "${key}" is not supported`, where);
      fields.set(key, v);
    }
    if (!punct(',')) {
      expect('}');
      break;
    }
  }
  const descr = fields.get('descr');
  const fortranOrder = fields.get('fortran_order');
  const shape = fields.get('shape');
  if (descr === STRUCTURED) throw structured(where);
  if (typeof descr !== 'string') throw invalid('"descr" is missing', where);
  if (typeof fortranOrder !== 'boolean') throw invalid('"fortran_order" is missing', where);
  if (!Array.isArray(shape)) throw invalid('"shape" is missing', where);
  return { descr, fortranOrder, shape: shape as number[] };
}
