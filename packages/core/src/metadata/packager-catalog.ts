import type { ConcreteConstructor } from '../types';

const CATALOG = Symbol.for('@stowage/core:packager-catalog');

/**
 * The import-time catalog of `@Packager` classes, in import order: the one piece of global state
 * in `@stowage/core`. It lives on `globalThis` under a `Symbol.for` key so two copies of the
 * package share it. A manager built without an explicit list snapshots it.
 */
function catalog(): ConcreteConstructor[] {
  const holder = globalThis as { [CATALOG]?: ConcreteConstructor[] };
  holder[CATALOG] ??= [];
  return holder[CATALOG];
}

/** Adds a decorated packager class (once). @internal */
export function addToCatalog(packagerClass: ConcreteConstructor): void {
  const list = catalog();
  if (!list.includes(packagerClass)) list.push(packagerClass);
}

/** A frozen copy of the catalog: every `@Packager` class imported so far, oldest first. */
export function catalogSnapshot(): readonly ConcreteConstructor[] {
  return Object.freeze([...catalog()]);
}
