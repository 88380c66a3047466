import { isPlainCollection } from '../bundling/bundle-input';
import type { Bundler } from '../bundling/bundle-ports';
import type { UnbundledItems, Unbundler } from '../bundling/plan-unbundle';
import { errorSummary } from '../errors/stowage.error';
import { UnbundlingError } from '../errors/unbundling.error';
import type { PackagerDefinition } from '../registry/packager-definition';
import type { PackagerSnapshot } from '../registry/packager-snapshot';
import { typeTokenOf } from '../registry/type-token';
import type { Constructor } from '../types';
import type { PackagerInstances } from './packager-instances';

type Method = (...args: unknown[]) => unknown;

function instanceMethod(
  instances: PackagerInstances,
  d: PackagerDefinition,
  name: string | symbol,
): Method {
  const instance = instances.get(d);
  return (instance[name] as Method).bind(instance);
}

/**
 * The unbundler of a manager: the best-ranked packager with an `@Unbundle` for the value's type
 * (the snapshot's {@link PackagerSnapshot.unbundlers}) splits it; arrays and plain objects split
 * natively when no packager claims them; anything else is not split. @internal
 * @throws UnbundlingError `UNBUNDLING_FAILED` when an `@Unbundle` method throws,
 * `UNBUNDLING_BAD_RESULT` when it returns neither an array nor a plain object or Map.
 */
export function unbundlerOf(snapshot: PackagerSnapshot, instances: PackagerInstances): Unbundler {
  return (value, key) => {
    const d = snapshot.unbundlers(typeTokenOf(value))[0]?.definition;
    if (d === undefined)
      return isPlainCollection(value) ? itemsOf(value, key, 'native') : undefined;
    let items: unknown;
    try {
      items = instanceMethod(instances, d, d.unbundleMethod as string | symbol)(value);
    } catch (cause) {
      throw new UnbundlingError(
        `${d.name} could not unbundle the output "${key}": ${errorSummary(cause)}`,
        {
          code: 'UNBUNDLING_FAILED',
          details: { key, packager: d.name },
          cause,
          fix: `See the cause; check the @Unbundle method of ${d.name}, or log "${key}" whole (no "*").`,
        },
      );
    }
    return itemsOf(items, key, d.name);
  };
}

function itemsOf(items: unknown, key: string, packager: string): UnbundledItems {
  if (Array.isArray(items)) return { from: 'list', items };
  if (items instanceof Map && [...items.keys()].every((k) => typeof k === 'string')) {
    return { from: 'dict', entries: [...(items as Map<string, unknown>).entries()] };
  }
  if (isPlainCollection(items)) return { from: 'dict', entries: Object.entries(items) };
  throw new UnbundlingError(
    `The @Unbundle of ${packager} returned neither an array nor a plain object for the output "${key}".`,
    {
      code: 'UNBUNDLING_BAD_RESULT',
      details: { key, packager },
      fix: 'Return an array (a list of items) or a plain object / Map with string keys (a dict of items).',
    },
  );
}

/**
 * The `@Bundle` of the best-ranked packager for exactly `type` that bundles from `from` (the
 * snapshot's {@link PackagerSnapshot.bundlers}), on the manager's instance. @internal
 */
export function bundlerOf(
  snapshot: PackagerSnapshot,
  instances: PackagerInstances,
  type: Constructor,
  from: 'list' | 'dict',
): Bundler | undefined {
  const d = snapshot.bundlers(type, from)[0]?.definition;
  if (d === undefined) return undefined;
  const method = instanceMethod(instances, d, d.bundleMethod as string | symbol);
  return (collection, kind) => method(collection, kind);
}
