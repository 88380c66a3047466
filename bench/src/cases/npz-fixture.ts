import { type CaseContext, scaled } from '../bench-case';
import { makeFloat64Array } from '../baselines/npy-header';
import { localPacker, type StowagePacker } from '../subjects/stowage';
import { NPY_BYTES } from './npy-fixture';

/** Arrays in the `.npz` cases: four arrays sharing {@link NPY_BYTES}. */
export const NPZ_ARRAYS = 4;

/** What both `.npz` cases start from. */
export interface NpzFixture {
  readonly record: Record<string, Float64Array>;
  /** Total bytes of the arrays' data. */
  readonly bytes: number;
  readonly dir: string;
  readonly packer: StowagePacker;
}

/** A record of four Float64Arrays at the run's scale, and a local-store packer. */
export async function npzFixture(ctx: CaseContext): Promise<NpzFixture | { skipped: string }> {
  const each = scaled(NPY_BYTES / NPZ_ARRAYS, ctx.scale, 8);
  const record: Record<string, Float64Array> = {};
  for (let i = 0; i < NPZ_ARRAYS; i += 1) record[`a${i}`] = makeFloat64Array(each);
  const dir = await ctx.tempDir();
  const packer = await localPacker(`${dir}/store`);
  if ('missing' in packer) return { skipped: packer.missing };
  return { record, bytes: each * NPZ_ARRAYS, dir, packer };
}
