import type { Constructor, PackableType } from '../types';

/**
 * What an input is unpacked into: a packable type, or a collection type with the type of its items.
 *
 * @remarks
 * A plain constructor (`Point`, `Array`, `Map`, `DataItem`) says "this type"; the items of a
 * collection given that way are unpacked as their stored packaging says. Use {@link listOf},
 * {@link dictOf} or {@link collectionOf} to also name the items' type.
 */
export type TypeHint = PackableType | CollectionHint;

/** A collection type and the type of its items. */
export interface CollectionHint {
  /** The collection's class: `Array`, `Object` (a plain record), `Map`, `Set`, or a custom bundle class. */
  readonly collection: Constructor;
  /** The items' type; `undefined` means "as each item's packaging says". */
  readonly items: TypeHint | undefined;
}

/** A hint for a collection of `collection` whose items are `items`. */
export function collectionOf(collection: Constructor, items?: TypeHint): CollectionHint {
  return Object.freeze({ collection, items });
}

/** A hint for an array whose items are `items`, e.g. `listOf(Point)`. */
export function listOf(items: TypeHint): CollectionHint {
  return collectionOf(Array, items);
}

/** A hint for a plain record whose values are `items`, e.g. `dictOf(Table)`. */
export function dictOf(items: TypeHint): CollectionHint {
  return collectionOf(Object, items);
}

/** True when `hint` is a {@link CollectionHint}. */
export function isCollectionHint(hint: unknown): hint is CollectionHint {
  return (
    typeof hint === 'object' &&
    hint !== null &&
    typeof (hint as CollectionHint).collection === 'function'
  );
}

/** The outer type of a hint: the collection's class, or the type itself. */
export function outerType(hint: TypeHint): PackableType {
  return isCollectionHint(hint) ? hint.collection : hint;
}

/** A readable name of a hint, for messages: `Point`, `Array<Point>`. */
export function typeHintName(hint: TypeHint | undefined): string {
  if (hint === undefined) return '(none)';
  if (!isCollectionHint(hint)) return hint.name;
  return `${hint.collection.name}<${hint.items === undefined ? '*' : typeHintName(hint.items)}>`;
}
