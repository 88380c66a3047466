import { inspect, isDeepStrictEqual } from 'node:util';
import type {
  ConcreteConstructor,
  PackableType,
  PackedOutput,
  PackagerDefinition,
  Store,
} from '@stowage/core';
import { errorSummary } from '@stowage/core';
import { ConformanceError } from './conformance.error';
import { createTestManager } from '../test-manager';
import type { TestManager } from '../test-manager';

/** Compares an unpacked value with the sample it came from (may be async, e.g. to read a stream). */
export type Equality<T> = (actual: unknown, expected: T) => boolean | Promise<boolean>;

/** How each check builds its (fresh) manager. */
export interface CaseEnvironment {
  /** Other packagers registered beside the one under test (after the builtins). */
  readonly packagers?: readonly ConcreteConstructor[];
  /** Register the builtin packagers (default `true`). */
  readonly builtins?: boolean;
  /** Makes the store for one check (default: a new `MemoryStore`). */
  readonly store?: () => Store;
}

/** One thing to pack: a packager, a sample, an artifact type and packing options. */
export interface PackCase<T = unknown> {
  readonly packagerClass: ConcreteConstructor;
  /** A short name for the sample, used in messages. */
  readonly label: string;
  readonly value: T;
  /** The artifact type to ask for; `undefined` asks for the packager's default. */
  readonly artifactType: string | undefined;
  /** Packing options put in the log hint. */
  readonly options?: Readonly<Record<string, unknown>>;
  /** The type hint to unpack with (default: the packager's type). */
  readonly typeHint?: PackableType;
  /** Default: `util.isDeepStrictEqual` (prototypes, typed arrays, Maps and Sets compared). */
  readonly equals?: Equality<T>;
  readonly environment?: CaseEnvironment;
  /** Unpack after packing (default `true`; `false` for pack-only artifact types). */
  readonly unpack?: boolean;
  /**
   * Makes the value to pack from the sample, for values that packing consumes (a stream): each
   * check packs a fresh one and compares the unpacked value with the sample itself.
   */
  readonly fresh?: (sample: T) => T;
}

/** The key every kit check packs under. */
export const SAMPLE_KEY = 'sample';

/** A fresh test manager for one check of `c`, with the packager under test registered last. */
export function managerFor<T>(c: PackCase<T>): TestManager {
  const env = c.environment ?? {};
  return createTestManager({
    packagers: [...(env.packagers ?? []), c.packagerClass],
    ...(env.builtins === undefined ? {} : { builtins: env.builtins }),
    ...(env.store === undefined ? {} : { store: env.store() }),
  });
}

/** The definition the manager built for the packager under test. */
export function definitionOf<T>(t: TestManager, c: PackCase<T>): PackagerDefinition {
  const found = t.manager.snapshot.definitions.find((d) => d.packagerClass === c.packagerClass);
  if (found === undefined) {
    throw new ConformanceError(
      'setup',
      `${c.packagerClass.name} is not a registered packager.`,
      'Pass a class decorated with @Packager({ type, … }).',
    );
  }
  return found;
}

/** Describes a case for messages: `PointPackager packing "origin" as "file" with {"format":"csv"}`. */
export function describeCase<T>(c: PackCase<T>, packager = c.packagerClass.name): string {
  const as =
    c.artifactType === undefined ? 'with its default artifact type' : `as "${c.artifactType}"`;
  const options =
    c.options === undefined || Object.keys(c.options).length === 0
      ? ''
      : ` with ${JSON.stringify(c.options)}`;
  return `${packager} packing ${c.label} ${as}${options}`;
}

/** Packs the case's value with `t`, wrapping any failure in a {@link ConformanceError}. */
export async function packCase<T>(
  t: TestManager,
  c: PackCase<T>,
  check: string,
): Promise<PackedOutput> {
  try {
    const value = c.fresh === undefined ? c.value : c.fresh(c.value);
    return await t.manager.pack(value, {
      key: SAMPLE_KEY,
      artifactType: c.artifactType,
      options: c.options ?? {},
    });
  } catch (error) {
    throw new ConformanceError(
      check,
      `${describeCase(c)} failed: ${errorText(error)}`,
      'Make the pack method succeed for this sample, or remove the sample if the packager must not accept it.',
      { cause: error },
    );
  }
}

/** Compares with the case's equality (deep strict equality by default). */
export async function sameValue<T>(c: PackCase<T>, actual: unknown): Promise<boolean> {
  return c.equals === undefined
    ? isDeepStrictEqual(actual, c.value)
    : await c.equals(actual, c.value);
}

/** One-line rendering of a value for messages. */
export function show(value: unknown): string {
  return inspect(value, {
    depth: 4,
    breakLength: Infinity,
    maxArrayLength: 20,
    maxStringLength: 200,
  });
}

/** An error's class, code and message on one line. */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return show(error);
  const code = (error as { code?: unknown }).code;
  const what = errorSummary(error).split('\n')[0] ?? '';
  return `${error.name}${typeof code === 'string' ? ` [${code}]` : ''}: ${what}`;
}
