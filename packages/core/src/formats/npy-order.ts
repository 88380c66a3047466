type LaneArray = Uint8Array | Uint16Array | Uint32Array;

function lanesOf(bytes: Uint8Array, width: number): LaneArray {
  const count = bytes.byteLength / width;
  if (width === 4) return new Uint32Array(bytes.buffer, bytes.byteOffset, count);
  if (width === 2) return new Uint16Array(bytes.buffer, bytes.byteOffset, count);
  return bytes;
}

/**
 * Reorders the data of a Fortran-order (column-major) array into C order (row-major), in one new
 * buffer; bits are copied as integers, so NaN payloads are kept. @internal
 *
 * @param raw - the array's bytes, aligned for 4-byte lanes when the item size allows it.
 * @param shape - the array's shape (more than one axis).
 * @param itemSize - bytes per element.
 */
export function toCOrder(raw: Uint8Array, shape: readonly number[], itemSize: number): Uint8Array {
  const width = itemSize % 4 === 0 ? 4 : itemSize % 2 === 0 ? 2 : 1;
  const lanes = itemSize / width;
  const out = new Uint8Array(raw.byteLength);
  const src = lanesOf(raw, width);
  const dst = lanesOf(out, width);
  const n = shape.length;
  // Fortran strides, in lanes: the first axis varies fastest.
  const stride: number[] = [];
  let s = lanes;
  for (let k = 0; k < n; k++) {
    stride.push(s);
    s *= shape[k] ?? 0;
  }
  if (s === 0) return out;
  const last = shape[n - 1] ?? 0;
  const lastStride = stride[n - 1] ?? 0;
  const index = new Array<number>(n).fill(0);
  let offset = 0;
  let o = 0;
  for (;;) {
    for (let i = 0, p = offset; i < last; i++, p += lastStride) {
      for (let l = 0; l < lanes; l++) dst[o++] = src[p + l] ?? 0;
    }
    // advance the C-order index of the axes before the last one
    let k = n - 2;
    for (; k >= 0; k--) {
      offset += stride[k] ?? 0;
      if (++(index[k] as number) < (shape[k] ?? 0)) break;
      offset -= (stride[k] ?? 0) * (shape[k] ?? 0);
      index[k] = 0;
    }
    if (k < 0) return out;
  }
}
