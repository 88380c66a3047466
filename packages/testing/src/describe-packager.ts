import { testRunner } from './test-runner';
import type { Arbitrary } from 'fast-check';
import type { ConcreteConstructor, PackableType, PackagerDefinition, Store } from '@stowage/core';
import { checkRecord } from './checks/record.check';
import { checkNoMutation, checkNoTempLeft, checkRoundTrip } from './checks/round-trip.check';
import {
  checkRoundTripProperty,
  DEFAULT_NUM_RUNS,
  type PropertyRunOptions,
} from './checks/round-trip.property';
import { checkUnknownOptionRejected } from './checks/unknown-option.check';
import { checkUnpackFixture, type UnpackFixture } from './checks/unpack-fixture.check';
import { show, type CaseEnvironment, type Equality, type PackCase } from './checks/pack-case';
import { createTestManager } from './test-manager';

/** Packing options to try, by artifact type: each entry is one option set. */
export type OptionSets = Readonly<Record<string, readonly Readonly<Record<string, unknown>>[]>>;

/** What {@link describePackager} tests. */
export interface DescribePackagerOptions<T> {
  /** Values to pack: a list, or an object of named samples (`{ origin: new Point(0, 0) }`). */
  readonly samples?: readonly T[] | Readonly<Record<string, T>>;
  /** Compares an unpacked value with its sample (default `util.isDeepStrictEqual`; may be async). */
  readonly equals?: Equality<T>;
  /**
   * Makes the value each test packs from a sample, for values packing consumes (streams). The
   * no-mutation test is skipped for such samples: consuming them is the point.
   */
  readonly fresh?: (sample: T) => T;
  /** Artifact types to pack as (default: every `@Pack` type of the packager). */
  readonly artifactTypes?: readonly string[];
  /** Option sets per artifact type (default: one empty set, i.e. the defaults). */
  readonly options?: OptionSets;
  /** The type hint to unpack with (default: the packager's `type`). */
  readonly typeHint?: PackableType;
  /** A fast-check arbitrary: also round-trip generated values (property-based). */
  readonly arbitrary?: Arbitrary<T>;
  /** Number of generated values, and `seed`/`path` to replay a failure. */
  readonly property?: PropertyRunOptions;
  /** Stored bytes the packager must read back (the way to test unpack-only packagers). */
  readonly unpackFixtures?: readonly UnpackFixture<T>[];
  /** Other packagers to register beside the one under test. */
  readonly packagers?: readonly ConcreteConstructor[];
  /** Register the builtin packagers too (default `true`). */
  readonly builtins?: boolean;
  /** Makes the store for each test (default: a new `MemoryStore`). */
  readonly store?: () => Store;
}

/** How long a property run may take before jest gives up on it. */
const PROPERTY_TIMEOUT_MS = 120_000;

/**
 * Generates a jest suite that checks a packager against the rules every packager must follow.
 *
 * @remarks
 * For every sample × artifact type × option set it packs into a fresh memory store and checks the
 * record (packager, object type, artifact type, JSON-safe instructions, size and sha256 of the
 * stored bytes), the round trip (unpack with the packager's type as hint, compare with `equals`),
 * that the sample was not mutated, and that no temporary file was left behind. For each artifact
 * type it checks that an unknown packing option is rejected with an `OptionsError`. With an
 * `arbitrary` it also round-trips generated values; with `unpackFixtures` it unpacks stored
 * bytes. Pack-only artifact types skip the round trip; unpack-only packagers need fixtures. Call
 * it at the top level of a test file (it calls jest's `describe` and `it`).
 *
 * @example
 * ```ts
 * describePackager(PointPackager, {
 *   samples: { origin: new Point(0, 0), far: new Point(1e9, -3.5) },
 *   options: { file: [{}, { format: 'csv' }] },
 * });
 * ```
 * @throws Error at definition time when there is nothing to test (no samples, arbitrary or
 * fixtures) or an option set names an artifact type that is not tested.
 */
export function describePackager<T>(
  packagerClass: ConcreteConstructor,
  options: DescribePackagerOptions<T>,
): void {
  const { describe, it } = testRunner();
  const definition = inspectPackager(packagerClass, options);
  const samples = namedSamples(options.samples);
  const artifactTypes = options.artifactTypes ?? defaultArtifactTypes(definition);
  checkPlan(packagerClass, options, samples, artifactTypes);
  const environment: CaseEnvironment = {
    ...(options.packagers === undefined ? {} : { packagers: options.packagers }),
    ...(options.builtins === undefined ? {} : { builtins: options.builtins }),
    ...(options.store === undefined ? {} : { store: options.store }),
  };
  const base = {
    packagerClass,
    environment,
    ...(options.equals === undefined ? {} : { equals: options.equals }),
    ...(options.typeHint === undefined ? {} : { typeHint: options.typeHint }),
    ...(options.fresh === undefined ? {} : { fresh: options.fresh }),
  };
  describe(`${packagerClass.name} (packager conformance)`, () => {
    for (const artifactType of artifactTypes) {
      const as =
        artifactType === undefined ? 'with its default artifact type' : `as "${artifactType}"`;
      const unpack = artifactType !== 'result' && unpacksAs(definition, artifactType);
      const sets = (artifactType === undefined ? undefined : options.options?.[artifactType]) ?? [
        {},
      ];
      for (const packingOptions of sets) {
        const plan: CasePlan<T> = {
          base: { ...base, artifactType, options: packingOptions, unpack },
          as,
          options,
        };
        describeSamples(plan, samples);
        if (options.arbitrary !== undefined && (unpack || artifactType === 'result'))
          describeProperty(plan, options.arbitrary);
      }
      describe(`when packing ${as} with an unknown option`, () => {
        it('should reject it with an OptionsError and store nothing', async () => {
          const first = samples[0];
          const value =
            first !== undefined ? first[1] : await sampleOne(options.arbitrary as Arbitrary<T>);
          await checkUnknownOptionRejected({ ...base, label: 'a sample', value, artifactType });
        });
      });
    }
    for (const fixture of options.unpackFixtures ?? []) {
      const name = fixture.name ?? fixture.fileName ?? fixture.artifactType;
      describe(`when unpacking the stored fixture ${name}`, () => {
        it(`should return ${show(fixture.expected)}`, () =>
          checkUnpackFixture(packagerClass, fixture, base));
      });
    }
  });
}

/** One artifact type and option set, with everything but the sample filled in. */
interface CasePlan<T> {
  readonly base: Omit<PackCase<T>, 'label' | 'value'>;
  /** `as "file"` or `with its default artifact type`, for titles. */
  readonly as: string;
  readonly options: DescribePackagerOptions<T>;
}

function optionsTitle(options: PackCase['options']): string {
  return options === undefined || Object.keys(options).length === 0
    ? ''
    : ` with ${JSON.stringify(options)}`;
}

function describeSamples<T>(plan: CasePlan<T>, samples: readonly [string, T][]): void {
  const { describe, it } = testRunner();
  for (const [label, value] of samples) {
    const c: PackCase<T> = { ...plan.base, label, value };
    describe(`when packing ${label} ${plan.as}${optionsTitle(c.options)}`, () => {
      it('should record the packager, object type, artifact type, instructions, size and sha256', () =>
        checkRecord(c));
      if (c.unpack !== false) it('should unpack to an equal value', () => checkRoundTrip(c));
      if (c.fresh === undefined) it('should not mutate the value', () => checkNoMutation(c));
      it('should leave no temporary files behind', () => checkNoTempLeft(c));
    });
  }
}

function describeProperty<T>(plan: CasePlan<T>, arbitrary: Arbitrary<T>): void {
  const { describe, it } = testRunner();
  const run = plan.options.property ?? {};
  describe(`when packing generated values ${plan.as}${optionsTitle(plan.base.options)}`, () => {
    it(
      `should round-trip ${run.numRuns ?? DEFAULT_NUM_RUNS} generated values without mutating them`,
      () => checkRoundTripProperty(plan.base, arbitrary, run),
      PROPERTY_TIMEOUT_MS,
    );
  });
}

function inspectPackager<T>(
  packagerClass: ConcreteConstructor,
  options: DescribePackagerOptions<T>,
): PackagerDefinition {
  const t = createTestManager({
    packagers: [...(options.packagers ?? []), packagerClass],
    builtins: false,
  });
  const found = t.manager.snapshot.definitions.find((d) => d.packagerClass === packagerClass);
  if (found === undefined)
    throw new Error(`describePackager: ${packagerClass.name} is not a packager.`);
  return found;
}

function namedSamples<T>(samples: DescribePackagerOptions<T>['samples']): [string, T][] {
  if (samples === undefined) return [];
  if (Array.isArray(samples))
    return (samples as readonly T[]).map((v, i) => [`sample ${i} (${truncate(show(v))})`, v]);
  return Object.entries(samples as Readonly<Record<string, T>>).map(([name, v]) => [
    `"${name}"`,
    v,
  ]);
}

function truncate(text: string): string {
  return text.length <= 40 ? text : `${text.slice(0, 37)}...`;
}

/** The declared `@Pack` types, or "the default" for a packager that packs without them. */
function defaultArtifactTypes(d: PackagerDefinition): (string | undefined)[] {
  const declared = Object.keys(d.packMethods);
  if (declared.length > 0) return declared;
  return d.packs ? [undefined] : [];
}

function unpacksAs(d: PackagerDefinition, artifactType: string | undefined): boolean {
  if (d.fullControl || artifactType === undefined) return d.unpacks;
  return d.unpackMethods[artifactType] !== undefined;
}

function checkPlan<T>(
  cls: ConcreteConstructor,
  options: DescribePackagerOptions<T>,
  samples: readonly unknown[],
  artifactTypes: readonly (string | undefined)[],
): void {
  const fail = (what: string): never => {
    throw new Error(`describePackager(${cls.name}): ${what}`);
  };
  if (artifactTypes.length > 0 && samples.length === 0 && options.arbitrary === undefined) {
    fail('give `samples` (or an `arbitrary`) to pack.');
  }
  if (artifactTypes.length === 0 && (options.unpackFixtures ?? []).length === 0) {
    fail('the packager packs nothing; give `unpackFixtures` to test its unpack methods.');
  }
  for (const type of Object.keys(options.options ?? {})) {
    if (!artifactTypes.includes(type))
      fail(
        `\`options\` names "${type}", which is not among the tested artifact types (${artifactTypes.join(', ')}).`,
      );
  }
}

async function sampleOne<T>(arbitrary: Arbitrary<T>): Promise<T> {
  const fc = await import('fast-check');
  return fc.sample(arbitrary, { numRuns: 1, seed: 1 })[0] as T;
}
