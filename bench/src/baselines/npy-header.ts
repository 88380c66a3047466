/**
 * The header of an `.npy` file (format 1.0) for a little-endian float64 vector of `length`.
 *
 * @remarks
 * Written here independently of Stowage's own writer so the baseline writes the same bytes
 * without using the code under test: magic, version, header length, a Python dict literal
 * padded with spaces and a newline so the data starts at a multiple of 64 bytes.
 */
export function npyFloat64Header(length: number): Uint8Array {
  const dict = `{'descr': '<f8', 'fortran_order': False, 'shape': (${length},), }`;
  const unpadded = 10 + dict.length + 1;
  const total = Math.ceil(unpadded / 64) * 64;
  const header = Buffer.alloc(total, 0x20);
  header.write('\x93NUMPY', 0, 'latin1');
  header[6] = 1;
  header[7] = 0;
  header.writeUInt16LE(total - 10, 8);
  header.write(dict, 10, 'latin1');
  header[total - 1] = 0x0a;
  return header;
}

/** A float64 vector of `bytes / 8` elements with varied (not all-zero) contents. */
export function makeFloat64Array(bytes: number): Float64Array {
  const array = new Float64Array(Math.floor(bytes / 8));
  for (let i = 0; i < array.length; i += 1) array[i] = i * 0.5 + (i % 7) / 3;
  return array;
}
