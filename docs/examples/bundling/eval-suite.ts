// Itemized outputs (*key) and bundled inputs, with a custom bundle type.
import {
  Bundle,
  MemoryStore,
  Pack,
  Packager,
  Unbundle,
  collectionOf,
  handler,
  listOf,
  run,
} from '@stowage/core';
import type { PackOutput, RunRecord } from '@stowage/core';
import { Point } from '../concepts/point-packager';

// #region suite
/** A named set of evaluation points: a custom "bundle" type. */
export class EvalSuite {
  constructor(readonly cases: Readonly<Record<string, Point>>) {}
}

@Packager({ type: EvalSuite, defaultPackingArtifactType: 'result', bundleFromDict: true })
export class EvalSuitePackager {
  @Pack('result') // logged whole (no '*'): just the case names
  packResult(suite: EvalSuite): PackOutput {
    return { result: Object.keys(suite.cases) };
  }

  @Unbundle() // '*suite': one output per case
  unbundle(suite: EvalSuite): Record<string, Point> {
    return { ...suite.cases };
  }

  @Bundle() // an input typed EvalSuite, given a dict of URIs
  bundle(cases: Record<string, Point>): EvalSuite {
    return new EvalSuite(cases);
  }
}
// #endregion

export async function main(): Promise<{
  produced: RunRecord;
  points: Point[];
  suite: EvalSuite;
  nested: RunRecord;
}> {
  const store = new MemoryStore();
  // #region itemize
  const makeSuite = handler(() => new EvalSuite({ easy: new Point(1, 1), hard: new Point(9, -3) }));
  const produced = await run(makeSuite, { store, returns: ['*suite'] });
  // produced.artifacts → suite_easy, suite_hard (each Point packed by its own packager)
  // produced.results.suite → { easy: 'store://suite_easy@…', hard: 'store://suite_hard@…' }
  // #endregion

  // #region bundle-back
  let suite = new EvalSuite({});
  const score = handler(
    ({ suite: given }: { suite: EvalSuite }) => {
      suite = given; // an EvalSuite of Points again
      return Object.values(given.cases).map((p) => Math.hypot(p.x, p.y));
    },
    { inputs: { suite: collectionOf(EvalSuite, Point) }, outputs: ['*norms'] },
  );
  await run(score, {
    store,
    inputs: { suite: produced.results['suite'] as Record<string, string> },
  });

  let points: Point[] = [];
  const collect = handler(
    ({ items }: { items: Point[] }) => {
      points = items;
    },
    { inputs: { items: listOf(Point) } },
  );
  const uris = produced.artifacts.map((a) => a.uri); // any list of URIs works too
  await run(collect, { store, inputs: { items: uris } });
  // #endregion

  // #region depth
  const nested = await run(
    handler(() => ({ a: [1, [2, 3]], b: { c: 4 } })),
    { store, returns: ['2*n'] },
  );
  // nested.results → { n_a_0: 1, n_a_1: [2, 3], n_b_c: 4, n: { a: [1, [2, 3]], b: { c: 4 } } }
  // #endregion
  return { produced, points, suite, nested };
}
