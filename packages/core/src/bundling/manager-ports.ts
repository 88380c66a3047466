import type { PackagersManager } from '../manager/packagers-manager';
import type { PackagerDefinition } from '../registry/packager-definition';
import type { PackagerSnapshot } from '../registry/packager-snapshot';
import { rankCandidates } from '../registry/rank-candidates';
import { typeTokenOf } from '../registry/type-token';
import { UnbundlingError } from '../errors/unbundling.error';
import type { DataItem } from '../data/data-item';
import type { TempScope } from '../temp/temp-scope';
import type { Constructor, PackableType } from '../types';
import type { BundlePorts, Bundler } from './bundle-ports';
import { isPlainCollection } from './bundle-input';
import type { UnbundledItems, Unbundler } from './plan-unbundle';

type Method = (...args: unknown[]) => unknown;

function instanceMethod(
  manager: PackagersManager,
  d: PackagerDefinition,
  name: string | symbol,
): Method {
  const instance = manager.instanceOf(d) as Record<string | symbol, unknown>;
  return (instance[name] as Method).bind(instance);
}

/** The ranked definitions with an `@Unbundle` that may split a value of `type`. @internal */
export function unbundlersFor(
  snapshot: PackagerSnapshot,
  type: PackableType,
): PackagerDefinition[] {
  const related = snapshot
    .related(type)
    .filter(
      (c) =>
        c.definition.unbundleMethod !== undefined &&
        (c.distance === 0 || c.definition.packSubclasses),
    );
  return rankCandidates(related).map((c) => c.definition);
}

/**
 * The unbundler of a manager: the best-ranked packager with an `@Unbundle` for the value's type
 * splits it; arrays and plain objects split natively when no packager claims them; anything else
 * is not split. @internal
 * @throws UnbundlingError `UNBUNDLING_FAILED` when an `@Unbundle` method throws,
 * `UNBUNDLING_BAD_RESULT` when it returns neither an array nor a plain object or Map.
 */
export function managerUnbundler(manager: PackagersManager): Unbundler {
  return (value, key) => {
    const [d] = unbundlersFor(manager.snapshot, typeTokenOf(value));
    if (d === undefined)
      return isPlainCollection(value) ? itemsOf(value, key, 'native') : undefined;
    let items: unknown;
    try {
      items = instanceMethod(manager, d, d.unbundleMethod as string | symbol)(value);
    } catch (cause) {
      throw new UnbundlingError(
        `${d.name} could not unbundle the output "${key}": ${cause instanceof Error ? cause.message : String(cause)}`,
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

/** The `@Bundle` of a packager for exactly `type` that bundles from `from`. @internal */
export function bundlerFor(
  manager: PackagersManager,
  type: Constructor,
  from: 'list' | 'dict',
): Bundler | undefined {
  const candidates = manager.snapshot
    .related(type)
    .filter(
      ({ definition: d, distance }) =>
        distance === 0 &&
        d.bundleMethod !== undefined &&
        (from === 'list' ? d.bundleFromList : d.bundleFromDict),
    );
  const [best] = rankCandidates(candidates);
  if (best === undefined) return undefined;
  const method = instanceMethod(
    manager,
    best.definition,
    best.definition.bundleMethod as string | symbol,
  );
  return (collection, kind) => method(collection, kind);
}

/**
 * Bundling ports over a manager, opening references with `open`; unpacked temporary files go to
 * `temp` when given (else to the manager's set, removed by its `cleanup()`). @internal
 */
export function managerBundlePorts(
  manager: PackagersManager,
  open: (uri: string) => Promise<DataItem>,
  temp?: TempScope,
): BundlePorts {
  const call = temp === undefined ? undefined : { temp };
  return {
    open,
    unpack: (item, hint) => manager.unpack(item, hint, call),
    bundler: (type, from) => bundlerFor(manager, type, from),
  };
}
