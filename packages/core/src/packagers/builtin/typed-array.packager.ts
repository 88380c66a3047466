import type { DataItem } from '../../data/data-item';
import { BuiltinPackager } from '../../decorators/packager.decorator';
import { Option } from '../../decorators/option.decorator';
import { Pack } from '../../decorators/pack.decorator';
import { Unpack } from '../../decorators/unpack.decorator';
import { PackingError } from '../../errors/packing.error';
import { dtypeOf, type NpyDtype, type NumericArray } from '../../formats/npy-dtype';
import { decodeNpy, encodeNpy } from '../../formats/npy.format';
import type { Constructor, Instructions } from '../../types';
import type { PackOutput } from '../pack-context';
import { fileArtifact, recordedFormat } from './builtin-io';
import { arrayTypeByName, asRecordedType, viewAs } from './typed-array-io';

/** `%TypedArray%`, the common base class of every typed array. */
const TypedArray = Object.getPrototypeOf(Int8Array) as Constructor<NumericArray>;

/** Packing options of a typed array as a `file`. */
export class TypedArrayFileOptions {
  /** `npy` (default; numpy reads it) or `bin` (raw little-endian bytes, dtype in the instructions). */
  @Option({ allowed: ['npy', 'bin'], description: 'File format' })
  format = 'npy';

  /**
   * The n-dimensional shape in C order: `shape=2,3`, `shape=[2, 3]` or `{ shape: '2,3' }`; empty
   * means one dimension (`[length]`).
   */
  @Option({ itemType: Number, description: 'Shape, e.g. 2,3' })
  shape: number[] = [];
  /**
   * A dtype the class does not imply: `f2` (a `Uint16Array` of float16 bits), `c8`/`c16` (a
   * `Float32Array`/`Float64Array` of interleaved real and imaginary parts); empty means the
   * class's own dtype.
   */
  @Option({ allowed: ['', 'f2', 'c8', 'c16'], description: 'numpy dtype for float16 / complex' })
  dtype = '';
}

function parseShape(dims: readonly number[], key: string): number[] | undefined {
  if (dims.length === 0) return undefined;
  if (dims.some((d) => !Number.isSafeInteger(d) || d < 0)) {
    throw new PackingError(
      `The shape [${dims.join(', ')}] of ${key} is not a list of non-negative integers.`,
      {
        code: 'NPY_SHAPE_MISMATCH',
        fix: 'Write the shape as comma-separated integers, e.g. shape=2,3.',
      },
    );
  }
  return [...dims];
}

/**
 * Packs typed arrays (every kind but Uint8Array, which has its own packager) as `.npy` files
 * (default) or raw `.bin` files, written without copying the array.
 *
 * @remarks
 * `.npy` files are byte-identical to `numpy.save`; unpacking returns a view of the read bytes
 * when they are aligned. The array's class is recorded so `Uint8ClampedArray` comes back as
 * itself. Results hold the typed array itself.
 */
@BuiltinPackager({
  type: TypedArray,
  name: 'stowage.typed-array',
  packSubclasses: true,
  defaultPackingArtifactType: 'file',
  defaultUnpackingArtifactType: 'file',
})
export class TypedArrayPackager {
  @Pack('result')
  packResult(value: NumericArray): PackOutput {
    return { result: value };
  }

  @Pack('file', { options: TypedArrayFileOptions })
  packFile(value: NumericArray, key: string, options: TypedArrayFileOptions): PackOutput {
    const shape = parseShape(options.shape, key);
    const info = dtypeOf(value);
    const base = { arrayType: value.constructor.name, ...(shape !== undefined ? { shape } : {}) };
    if (options.format === 'bin' || info === undefined) {
      if (info === undefined && options.format !== 'bin') encodeNpy(value);
      const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      return {
        artifact: fileArtifact(key, bytes, 'bin'),
        instructions: { format: 'bin', dtype: options.dtype || info?.dtype, ...base },
      };
    }
    const dtype = options.dtype === '' ? info.dtype : (options.dtype as NpyDtype);
    const parts = encodeNpy(value, { dtype, ...(shape !== undefined ? { shape } : {}) });
    return {
      artifact: fileArtifact(key, parts, 'npy'),
      instructions: { format: 'npy', dtype, ...base },
    };
  }

  @Unpack('file')
  async unpackFile(item: DataItem, instructions: Instructions): Promise<NumericArray> {
    const recorded = arrayTypeByName(instructions['arrayType'], item.key);
    const bytes = await item.get();
    if (recordedFormat(item, instructions) === 'bin')
      return viewAs(recorded ?? Float64Array, bytes, item.key);
    return asRecordedType(decodeNpy(bytes, item.key).data, recorded);
  }
}
