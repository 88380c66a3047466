import { collectGarbage, LocalStore } from '@stowage/core';
import type { GarbageReport } from '@stowage/core';

/** Looks at what interrupted writers left in a store, then removes it. */
export async function main(root: string): Promise<{ plan: GarbageReport; done: GarbageReport }> {
  const store = new LocalStore({ root });
  // #region gc
  // Dry run (the default): what would be removed, nothing is touched.
  const plan = await collectGarbage(store, { graceMs: 60 * 60 * 1000 });
  for (const item of plan.items) console.log(item.kind, item.path, item.bytes, item.reason);

  // Remove it: temp files, uncommitted versions, empty folders, incomplete uploads;
  // runs whose process died are marked "lost".
  const done = await collectGarbage(store, { dryRun: false });
  console.log(`${done.totals.removed} removed, ${done.totals.reclaimed} bytes reclaimed`);
  // #endregion gc
  return { plan, done };
}
