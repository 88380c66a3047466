/**
 * The shape of an unbundled output: which item went to which output key.
 *
 * @remarks
 * A `list` came from an array (or a list an `@Unbundle` method returned), a `dict` from a plain
 * object (or a dict an `@Unbundle` returned); a `leaf` was logged as one output under `key`.
 */
export type BundleShape =
  | { readonly kind: 'leaf'; readonly key: string }
  | { readonly kind: 'list'; readonly items: readonly BundleShape[] }
  | { readonly kind: 'dict'; readonly entries: readonly (readonly [string, BundleShape])[] };

/** The keys of every leaf of a shape, in order. */
export function leafKeys(shape: BundleShape): string[] {
  if (shape.kind === 'leaf') return [shape.key];
  if (shape.kind === 'list') return shape.items.flatMap(leafKeys);
  return shape.entries.flatMap(([, child]) => leafKeys(child));
}

/**
 * Writes a shape as a JSON-safe structure, each leaf replaced by what `leafValue` gives for its
 * key (an artifact's store URI, or a result's value).
 *
 * @remarks
 * Dict entries are written with `Object.defineProperty`, so an item named `__proto__` stays an
 * own key and never reaches a prototype.
 */
export function renderShape(shape: BundleShape, leafValue: (key: string) => unknown): unknown {
  if (shape.kind === 'leaf') return leafValue(shape.key);
  if (shape.kind === 'list') return shape.items.map((item) => renderShape(item, leafValue));
  const out: Record<string, unknown> = {};
  for (const [name, child] of shape.entries) {
    Object.defineProperty(out, name, {
      value: renderShape(child, leafValue),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
