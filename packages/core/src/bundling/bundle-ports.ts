import type { DataItem } from '../data/data-item';
import type { Constructor, PackableType } from '../types';

/** Builds a collection type from unpacked items (a packager's `@Bundle` method). */
export type Bundler = (
  collection: unknown[] | Record<string, unknown>,
  from: 'list' | 'dict',
) => unknown;

/**
 * What input bundling needs from the manager and the store, kept small so it can be tested with
 * fakes. {@link managerBundlePorts} builds it from a manager. @internal
 */
export interface BundlePorts {
  /** Opens a URI or path as a data item. */
  open(uri: string): Promise<DataItem>;
  /** Unpacks an item into `hint` (or as its packaging says when `hint` is undefined). */
  unpack(item: DataItem, hint: PackableType | undefined): Promise<unknown>;
  /** The `@Bundle` of a packager for exactly `type` that bundles from `from`, if any. */
  bundler(type: Constructor, from: 'list' | 'dict'): Bundler | undefined;
}
