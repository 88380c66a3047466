// Pattern 4, bundling: an evaluation suite made of one table per dataset.
import { Bundle, MemoryStore, PackagersManager, Packager, Unbundle } from '@stowage/core';
import { handler, run, type RunRecord } from '@stowage/core';

/** Rows of scores (any JSON-safe value would do). */
export type Table = readonly (readonly number[])[];

export class EvalSuite {
  constructor(readonly tables: Readonly<Record<string, Table>>) {}
}

// #region packager
@Packager({ type: EvalSuite, name: 'evals.EvalSuitePackager', bundleFromDict: true })
export class EvalSuitePackager {
  @Unbundle()
  unbundle(suite: EvalSuite): Record<string, Table> {
    return { ...suite.tables }; // a copy: never hand out the caller's object
  }

  @Bundle()
  bundle(items: Record<string, Table>, from: 'list' | 'dict'): EvalSuite {
    if (from !== 'dict') throw new Error('an EvalSuite is bundled from a dict of tables');
    return new EvalSuite(items);
  }
}
// #endregion

/** Logs a suite one table per output with `*evals`, then reads it back as one EvalSuite. */
export async function main(): Promise<{ logged: RunRecord; suite: unknown }> {
  const store = new MemoryStore();
  const manager = new PackagersManager({ store });
  const suite = new EvalSuite({ squad: [[0.9, 0.8]], trivia: [[0.7]] });
  // #region unbundle
  const logged = await run(
    handler(() => suite),
    { manager, returns: ['1*evals'] }, // one output per table: evals_squad, evals_trivia, …
  );
  // logged.results.evals === { squad: [[0.9, 0.8]], trivia: [[0.7]] } (the structure)
  // #endregion
  let received: unknown;
  const consume = handler(
    ({ suite: s }: { suite: EvalSuite }) => {
      received = s;
    },
    { inputs: { suite: EvalSuite } },
  );
  await run(consume, { manager, inputs: { suite: logged.results['evals'] as never } });
  return { logged, suite: received };
}
