import { join } from 'node:path';
import { type CaseContext, scaled } from '../bench-case';
import { makeFloat64Array, npyFloat64Header } from '../baselines/npy-header';
import { localPacker, type StowagePacker } from '../subjects/stowage';

/** Size of the array (full run): 128 MiB. */
export const NPY_BYTES = 128 * 2 ** 20;

/** What both `.npy` cases start from: the array, its header, a temp dir and a local-store packer. */
export interface NpyFixture {
  readonly array: Float64Array;
  readonly header: Uint8Array;
  /** Header plus data: the size of the `.npy` file. */
  readonly bytes: number;
  readonly dir: string;
  readonly packer: StowagePacker;
}

/** Builds the fixture at the run's scale, or says why Stowage's local store is missing. */
export async function npyFixture(ctx: CaseContext): Promise<NpyFixture | { skipped: string }> {
  const array = makeFloat64Array(scaled(NPY_BYTES, ctx.scale, 8));
  const header = npyFloat64Header(array.length);
  const dir = await ctx.tempDir();
  const packer = await localPacker(join(dir, 'store'));
  if ('missing' in packer) return { skipped: packer.missing };
  return { array, header, bytes: header.byteLength + array.byteLength, dir, packer };
}
