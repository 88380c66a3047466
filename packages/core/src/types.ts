/** A class constructor (abstract ones included). */
export type Constructor<T = unknown> = abstract new (...args: never[]) => T;

/** A class that can be instantiated with `new`. */
export type ConcreteConstructor<T = unknown> = new (...args: never[]) => T;

/** A value that survives `JSON.stringify` / `JSON.parse` unchanged. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Unpacking instructions: what a pack method returns beside its artifact, handed back to unpack. */
export type Instructions = Readonly<Record<string, unknown>>;

/**
 * The packable-type token for `null` and `undefined` (they have no constructor).
 *
 * @example
 * ```ts
 * @Packager({ type: Nullish })
 * class MyNullPackager { … }
 * ```
 */
export abstract class Nullish {
  private constructor() {}
}

/** A type a packager handles: a class constructor, a builtin's constructor, or {@link Nullish}. */
export type PackableType<T = unknown> = Constructor<T> | typeof Nullish;
