import { Zip, ZipPassThrough, inflateSync } from 'fflate';
import { UnpackingError } from '../errors/unpacking.error';
import { decodeNpy, encodeNpy, type NpyArray, type NpyWriteOptions } from './npy.format';
import type { NumericArray } from './npy-dtype';
import type { LateChunks } from '../late-chunks';
import { zipEntries } from './zip-entries';
import { STORED_ZIP_LIMIT, storedZip, storedZipBody, type StoredZipFile } from './zip-writer';

/** One array of an `.npz` bundle, with its optional shape and dtype. */
export interface NpzEntry extends NpyWriteOptions {
  readonly data: NumericArray;
}

/**
 * Encodes named arrays as an `.npz`-like bundle: a zip of `<name>.npy` entries, stored (not
 * compressed), the way `numpy.savez` writes it.
 *
 * @remarks
 * The arrays are not copied: the returned chunks are zip headers interleaved with the `.npy`
 * headers and views of the arrays, to be written back to back. `numpy.load` reads the result.
 * Each entry's data starts at a multiple of 64 bytes, so reading the archive back views the
 * arrays in place; CRC-32 is Node's native one.
 * @throws PackingError from {@link encodeNpy} for an unsupported array or shape.
 */
export function encodeNpz(entries: Readonly<Record<string, NpzEntry>>): Uint8Array[] {
  const files = npyFiles(entries);
  return fitsStoredZip(files) ? storedZip(files) : encodeLargeNpz(files);
}

/**
 * The bytes of {@link encodeNpz} as a body whose zip headers are filled in late: a store can
 * write the arrays at once while their CRC-32s are computed (see `storedZipBody`). Past 4 GiB,
 * the chunks of {@link encodeNpz}. @internal
 *
 * @throws PackingError from {@link encodeNpy} for an unsupported array or shape.
 */
export function encodeNpzBody(
  entries: Readonly<Record<string, NpzEntry>>,
): LateChunks | Uint8Array[] {
  const files = npyFiles(entries);
  return fitsStoredZip(files) ? storedZipBody(files) : encodeLargeNpz(files);
}

/** One `<name>.npy` file per array, as chunks (headers and views of the arrays). */
function npyFiles(entries: Readonly<Record<string, NpzEntry>>): StoredZipFile[] {
  return Object.entries(entries).map(([name, entry]) => ({
    name: `${name}.npy`,
    chunks: encodeNpy(entry.data, entry),
  }));
}

/** Whether every size and offset of the archive fits a classic (non-zip64) zip. */
function fitsStoredZip(files: readonly StoredZipFile[]): boolean {
  const bytes = files.reduce(
    (n, f) => n + f.chunks.reduce((m, c) => m + c.byteLength, 0) + 128 + f.name.length,
    0,
  );
  return bytes < STORED_ZIP_LIMIT && files.length < 0xffff;
}

/** Past 4 GiB: fflate's writer (zip64 sizes, CRC-32 in JavaScript). */
function encodeLargeNpz(files: readonly StoredZipFile[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let failure: Error | undefined;
  const zip = new Zip((err, chunk) => {
    if (err !== null) failure = err;
    else chunks.push(chunk);
  });
  for (const { name, chunks: parts } of files) {
    const file = new ZipPassThrough(name);
    zip.add(file);
    parts.forEach((part, i) => file.push(part, i === parts.length - 1));
  }
  zip.end();
  if (failure !== undefined) throw failure;
  return chunks;
}

/** Defines `name` on `out` as an enumerable own property (even `__proto__`). */
function define(out: object, name: string, descriptor: PropertyDescriptor): void {
  Object.defineProperty(out, name, { enumerable: true, configurable: true, ...descriptor });
}

/**
 * Decodes an `.npz` bundle (as written by {@link encodeNpz} or `numpy.savez[_compressed]`).
 *
 * @remarks
 * One entry Stowage cannot read (an unsupported dtype, a truncated entry) does not hide the
 * others: it is still listed, and reading that property throws its {@link UnpackingError}.
 * @throws UnpackingError (`NPZ_INVALID`) when the bytes are not a zip of `.npy` files; reading
 * the property of a bad entry throws the error of {@link decodeNpy}.
 */
export function decodeNpz(bytes: Uint8Array, where = 'the input'): Record<string, NpyArray> {
  let files: [string, Uint8Array][];
  try {
    // stored entries are views of `bytes` (no copy); deflated ones are inflated into their size
    files = zipEntries(bytes).map((entry) => {
      const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
      if (entry.method === 0) return [entry.name, data];
      if (entry.method === 8)
        return [entry.name, inflateSync(data, { out: new Uint8Array(entry.size) })];
      throw new RangeError(`unknown compression method ${entry.method} of ${entry.name}`);
    });
  } catch (cause) {
    throw new UnpackingError(`The .npz data of ${where} is not a readable zip archive.`, {
      code: 'NPZ_INVALID',
      cause,
      details: { where },
      fix: 'Check that the artifact was written by numpy.savez or Stowage and is complete.',
    });
  }
  const out: Record<string, NpyArray> = {};
  for (const [name, data] of files) {
    if (!name.endsWith('.npy')) {
      throw new UnpackingError(
        `The .npz data of ${where} holds "${name}", which is not an .npy file.`,
        {
          code: 'NPZ_INVALID',
          details: { where, entry: name },
          fix: 'An .npz bundle may only contain <name>.npy entries.',
        },
      );
    }
    try {
      define(out, name.slice(0, -4), {
        value: decodeNpy(data, `${where} (${name})`),
        writable: true,
      });
    } catch (error) {
      if (!(error instanceof UnpackingError)) throw error;
      define(out, name.slice(0, -4), {
        get(): never {
          throw error;
        },
      });
    }
  }
  return out;
}
