import { DataItem } from '../data/data-item';
import { BundlingError } from '../errors/bundling.error';
import { errorSummary } from '../errors/stowage.error';
import { isCollectionHint, outerType, typeHintName, type TypeHint } from '../decorators/type-hint';
import { ancestorsOf, typeTokenOf } from '../registry/type-token';
import type { Constructor } from '../types';
import type { BundlePorts } from './bundle-ports';

const URI = /^[a-z][a-z0-9+.-]*:\/\//i;

/** True for an array or a plain object (what bundling rebuilds). @internal */
export function isPlainCollection(value: unknown): value is unknown[] | Record<string, unknown> {
  if (Array.isArray(value)) return true;
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** True when a leaf of a collection input names stored data: a data item or a `scheme://` URI. @internal */
export function isReference(value: unknown): value is DataItem | string {
  return value instanceof DataItem || (typeof value === 'string' && URI.test(value));
}

/**
 * Unpacks one reference (data item, URI or path) into `hint`: a `DataItem` hint gets the item
 * itself, a collection hint unpacks the whole stored collection into its collection type.
 * @throws BundlingError `BUNDLING_ITEM_NOT_UNPACKED` when the item has no packaging and no type.
 * @internal
 */
export async function unpackReference(
  ref: DataItem | string,
  hint: TypeHint | undefined,
  ports: BundlePorts,
  where: string,
): Promise<unknown> {
  const item = typeof ref === 'string' ? await ports.open(ref) : ref;
  const type = hint === undefined ? undefined : outerType(hint);
  if (
    type !== undefined &&
    (type === DataItem || (type as { prototype?: unknown }).prototype instanceof DataItem)
  )
    return item;
  const value = await ports.unpack(item, type);
  if (value === item) {
    throw new BundlingError(
      `${where} (${item.url}) has no packaging record and no type to unpack it into.`,
      {
        code: 'BUNDLING_ITEM_NOT_UNPACKED',
        details: { where, url: item.url },
        fix: "Give the items' type (e.g. listOf(Point) or dictOf(Table)), or listOf(DataItem) to receive the data items themselves.",
      },
    );
  }
  return value;
}

/**
 * Rebuilds a collection input: every reference in it is opened and unpacked (to the items' type
 * when the hint names one, else as its packaging says), nested arrays and plain objects are
 * rebuilt, and the result is handed to the hinted collection type's `@Bundle`.
 *
 * @remarks
 * Only data items and `scheme://` URIs inside a collection are read from the store; any other
 * leaf (a number, a plain string — e.g. a result value recorded in a bundle structure) is kept as
 * it is, and must fit the items' type when one is given. Arrays and plain objects need no
 * packager when the hint is `Array` / `Object` (or absent).
 * @throws BundlingError `BUNDLING_NO_PACKAGER`, `BUNDLING_ITEM_TYPE_MISMATCH`,
 * `BUNDLING_ITEM_FAILED` (wrapping the item's error, naming its path) or `BUNDLING_FAILED`.
 * @internal
 */
export async function bundleInput(
  collection: unknown[] | Record<string, unknown>,
  hint: TypeHint | undefined,
  ports: BundlePorts,
  where: string,
): Promise<unknown> {
  const from = Array.isArray(collection) ? 'list' : 'dict';
  const type: Constructor =
    hint === undefined ? (from === 'list' ? Array : Object) : (outerType(hint) as Constructor);
  const items = isCollectionHint(hint) ? hint.items : undefined;
  const bundler = ports.bundler(type, from);
  const native = (type === Array && from === 'list') || (type === Object && from === 'dict');
  if (bundler === undefined && !native) {
    throw new BundlingError(
      `${where} is a ${from} of inputs, but no packager can bundle a ${from} into ${typeHintName(hint)}.`,
      {
        code: 'BUNDLING_NO_PACKAGER',
        details: { where, from, type: type.name },
        fix: `Register a packager for ${type.name} with bundleFrom${from === 'list' ? 'List' : 'Dict'}: true and a @Bundle() method, or type the input as an array/plain object.`,
      },
    );
  }
  const unpacked =
    from === 'list'
      ? await mapList(collection as unknown[], (v, i) =>
          bundleLeaf(v, items, ports, `${where}[${i}]`),
        )
      : await mapDict(collection as Record<string, unknown>, (v, k) =>
          bundleLeaf(v, items, ports, `${where}.${k}`),
        );
  if (bundler === undefined) return unpacked;
  try {
    return await bundler(unpacked, from);
  } catch (cause) {
    throw new BundlingError(`Bundling ${where} into ${type.name} failed: ${errorSummary(cause)}`, {
      code: 'BUNDLING_FAILED',
      details: { where, type: type.name },
      cause,
      fix: `See the cause; check the @Bundle method of the ${type.name} packager.`,
    });
  }
}

async function bundleLeaf(
  value: unknown,
  hint: TypeHint | undefined,
  ports: BundlePorts,
  where: string,
): Promise<unknown> {
  try {
    if (isReference(value)) return await unpackReference(value, hint, ports, where);
    if (isPlainCollection(value)) return await bundleInput(value, hint, ports, where);
  } catch (cause) {
    if (BundlingError.is(cause)) throw cause;
    throw new BundlingError(`Unpacking ${where} failed; the other items were not the problem.`, {
      code: 'BUNDLING_ITEM_FAILED',
      details: { where },
      cause,
    });
  }
  const type = hint === undefined ? undefined : outerType(hint);
  if (type !== undefined && !ancestorsOf(typeTokenOf(value)).includes(type)) {
    throw new BundlingError(
      `${where} is a ${typeTokenOf(value).name} value, not a reference to stored data or a ${typeHintName(hint)}.`,
      {
        code: 'BUNDLING_ITEM_TYPE_MISMATCH',
        details: { where, expected: typeHintName(hint) },
        fix: "Pass a store:// URI or data item for each item (file:// for local paths), or a value of the items' type.",
      },
    );
  }
  return value;
}

async function mapList(
  list: readonly unknown[],
  fn: (v: unknown, i: number) => Promise<unknown>,
): Promise<unknown[]> {
  const out: unknown[] = [];
  for (let i = 0; i < list.length; i++) out.push(await fn(list[i], i));
  return out;
}

async function mapDict(
  dict: Readonly<Record<string, unknown>>,
  fn: (v: unknown, k: string) => Promise<unknown>,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(dict)) {
    Object.defineProperty(out, k, {
      value: await fn(v, k),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
