// Where a LocalStore keeps its files, and a MemoryStore for tests.
// #region local-root
import { LocalStore } from '@stowage/core';

new LocalStore(); // $STOWAGE_STORE, else ./.stowage
new LocalStore({ root: '/data/stowage' }); // explicit root always wins
new LocalStore({ root: 'file:///data/stowage', fsync: false });
// #endregion
import { MemoryStore } from '@stowage/core';

/** The roots (as URLs) the three stores above resolve to, and a memory store's URL. */
export function main(env: Readonly<Record<string, string | undefined>>): string[] {
  const urls = [
    new LocalStore({ env }).url,
    new LocalStore({ root: '/data/stowage', env }).url,
    new LocalStore({ root: 'file:///data/stowage', fsync: false }).url,
  ];
  // #region memory
  const store = new MemoryStore({ name: 'unit' }); // url: memory://unit
  // #endregion
  return [...urls, store.url];
}
