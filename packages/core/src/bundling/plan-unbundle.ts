import { UnbundlingError } from '../errors/unbundling.error';
import type { LogHint } from '../log-hints/log-hint';
import { KEY_PATTERN } from '../log-hints/log-hint-patterns';
import type { BundleShape } from './bundle-shape';

/** What an unbundler makes of a value: its items as a list or a dict, or `undefined` when it cannot split it. */
export type UnbundledItems =
  | { readonly from: 'list'; readonly items: readonly unknown[] }
  | { readonly from: 'dict'; readonly entries: readonly (readonly [string, unknown])[] }
  | undefined;

/** Splits one value into items (through a packager's `@Unbundle`), or says it cannot. */
export type Unbundler = (value: unknown, key: string) => UnbundledItems;

/** One output an itemized hint produces: the value to pack and its own hint. */
export interface PlannedLeaf {
  readonly hint: LogHint;
  readonly value: unknown;
}

/** The outputs an itemized hint produces, and the shape to record when it was split. */
export interface UnbundlePlan {
  readonly leaves: readonly PlannedLeaf[];
  /** `undefined` when the value was not split (it is logged whole under the hint's key). */
  readonly shape: BundleShape | undefined;
}

/**
 * Plans the outputs of a `*key` / `N*key` hint: splits the value recursively up to the hint's
 * depth, naming list items `key_0`, `key_1`, … and dict items `key_name`.
 *
 * @remarks
 * A value the unbundler cannot split is one leaf under its key (not an error). Each leaf's hint
 * is the parent's with its own key and `itemized: false`. The value is never modified.
 * @throws UnbundlingError `UNBUNDLING_BAD_ITEM_KEY` when a dict item's name makes an invalid key,
 * `UNBUNDLING_KEY_COLLISION` when two items get one key.
 */
export function planUnbundle(value: unknown, hint: LogHint, unbundle: Unbundler): UnbundlePlan {
  const leaves: PlannedLeaf[] = [];
  const seen = new Set<string>();
  const visit = (item: unknown, key: string, levels: number | true): BundleShape => {
    const split = levels === true || levels > 0 ? unbundle(item, key) : undefined;
    if (split === undefined) {
      if (seen.has(key)) collision(hint.key, key);
      seen.add(key);
      leaves.push({ hint: Object.freeze({ ...hint, key, itemized: false }), value: item });
      return { kind: 'leaf', key };
    }
    const next = levels === true ? true : levels - 1;
    if (split.from === 'list') {
      return {
        kind: 'list',
        items: split.items.map((child, i) => visit(child, `${key}_${i}`, next)),
      };
    }
    return {
      kind: 'dict',
      entries: split.entries.map(
        ([name, child]) => [name, visit(child, childKey(hint.key, key, name), next)] as const,
      ),
    };
  };
  const levels = hint.itemized === false ? 0 : hint.itemized;
  const shape = visit(value, hint.key, levels);
  return { leaves, shape: shape.kind === 'leaf' ? undefined : shape };
}

function childKey(root: string, parent: string, name: string): string {
  const key = `${parent}_${name}`;
  if (!KEY_PATTERN.test(key)) {
    throw new UnbundlingError(
      `Unbundling the output "${root}" gives the item "${name}" the key "${key}", which is not a valid key.`,
      {
        code: 'UNBUNDLING_BAD_ITEM_KEY',
        details: { key: root, item: name },
        fix: 'Name dict items with letters, digits, "_", "." and "-", or log the collection whole (no "*").',
      },
    );
  }
  return key;
}

function collision(root: string, key: string): never {
  throw new UnbundlingError(`Unbundling the output "${root}" gives two items the key "${key}".`, {
    code: 'UNBUNDLING_KEY_COLLISION',
    details: { key: root, collidingKey: key },
    fix: 'Rename the dict items so "<parent>_<item>" keys stay distinct (e.g. "a_1" next to a list "a"), or unbundle fewer levels.',
  });
}
