// Handlers: a decorated class method and a plain function, run one after the other.
import { Handler, Input, MemoryStore, PackagersManager, Param, handler, run } from '@stowage/core';
import type { RunRecord } from '@stowage/core';
import { Point } from '../concepts/point-packager';

// #region method-handler
export class Geometry {
  @Handler({ outputs: ['centroid : file[format=csv]', 'spread'], labels: { team: 'geo' } })
  summarize(
    @Input('first') a: Point,
    @Input('second') b: Point,
    @Param('weight') weight = 0.5,
  ): [Point, number] {
    const centroid = new Point(
      a.x * (1 - weight) + b.x * weight,
      a.y * (1 - weight) + b.y * weight,
    );
    return [centroid, Math.hypot(a.x - b.x, a.y - b.y)];
  }
}
// #endregion

// #region function-handler
export const shift = handler(
  ({ point, dx }: { point: Point; dx: number }) => new Point(point.x + dx, point.y),
  { inputs: { point: Point }, params: ['dx'], outputs: ['shifted'] },
);
// #endregion

export async function main(): Promise<[RunRecord, RunRecord, RunRecord]> {
  const store = new MemoryStore();
  // Two points logged earlier (by another job, perhaps); their URIs are all the next job needs.
  const manager = new PackagersManager({ store });
  const first = await manager.pack(new Point(0, 0), 'a');
  const second = await manager.pack(new Point(4, 2), 'b');
  const uriOf = (out: typeof first): string =>
    out.kind === 'artifact' ? (out.artifact.uri as string) : '';
  // #region run
  const summary = await run([new Geometry(), 'summarize'], {
    store,
    inputs: { first: uriOf(first), second: uriOf(second) }, // URIs, paths or data items
    params: { weight: 0.25 },
  });
  // summary.status === 'completed'
  // summary.results → { spread: 4.47… }
  // summary.artifacts → [{ key: 'centroid', uri: 'store://centroid@…', kind: 'artifact', … }]
  const centroidUri = summary.artifacts[0]!.uri;
  const shifted = await run(shift, { store, inputs: { point: centroidUri }, params: { dx: 10 } });
  // #endregion
  // #region failure
  const failing = handler(() => [new Point(1, 1), Symbol('not storable')], {
    outputs: ['kept', 'lost'],
  });
  const partial = await run(failing, { store, onOutputFailure: 'warn' });
  // partial.status === 'warn': "kept" is logged; partial.failedOutputs[0].key === 'lost'
  // Without onOutputFailure: 'warn' the status is 'error'.
  // #endregion
  return [summary, shifted, partial];
}
