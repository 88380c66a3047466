// A job as a plain function: run() unpacks its input, calls it, and logs what it returns.
import { handler, MemoryStore, PackagersManager, run } from '@stowage/core';
import type { RunRecord } from '@stowage/core';
import { Point } from './point-packager'; // importing the module registers PointPackager

export async function main(): Promise<{ first: RunRecord; second: RunRecord }> {
  // #region run
  const store = new MemoryStore();
  const manager = new PackagersManager({ store }); // the builtins plus every imported @Packager

  const makePoint = handler(({ x, y }: { x: number; y: number }) => new Point(x, y), {
    name: 'make-point',
    params: ['x', 'y'],
    outputs: ['position: file'],
  });
  const measure = handler(
    ({ position }: { position: Point }) => Math.hypot(position.x, position.y),
    {
      name: 'measure',
      inputs: { position: Point },
      outputs: ['distance'],
    },
  );

  const first = await run(makePoint, { params: { x: 3, y: 4 }, manager });
  // first.status === 'completed'; first.artifacts[0].uri === 'store://position@…'
  const second = await run(measure, { inputs: { position: 'store://position' }, manager });
  // second.results.distance === 5
  // #endregion
  return { first, second };
}
