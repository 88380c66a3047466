import { isDeepStrictEqual } from 'node:util';
import { Artifact } from '@stowage/core';
import type { Instructions, PackableType } from '@stowage/core';
import { ConformanceError } from './conformance.error';
import {
  definitionOf,
  errorText,
  managerFor,
  SAMPLE_KEY,
  show,
  type Equality,
  type PackCase,
} from './pack-case';
import { withTempSandbox } from './temp-sandbox';

/** Stored bytes an unpack method must read: how unpack-only packagers are tested. */
export interface UnpackFixture<T = unknown> {
  /** A short name for messages (default: the file name). */
  readonly name?: string;
  /** The artifact type the bytes are stored as (the `@Unpack` type to use). */
  readonly artifactType: string;
  /** The stored bytes (a string is stored as UTF-8). */
  readonly body: Uint8Array | string;
  /** The stored file name (default `data`). */
  readonly fileName?: string;
  /** The unpacking instructions recorded with the artifact (default `{}`). */
  readonly instructions?: Instructions;
  /**
   * `true` (default): the record names this packager, as if it had packed the bytes. `false`: the
   * artifact has no packaging record, as if logged by hand, so the manager must pick the packager
   * from the type hint and its default unpacking artifact type.
   */
  readonly packaged?: boolean;
  /** The value the unpack must produce. */
  readonly expected: T;
}

/**
 * Stores a fixture's bytes as an artifact, unpacks it with the packager's type as the hint, and
 * compares the result with `fixture.expected`; also checks no temporary file is left behind.
 *
 * @throws ConformanceError when the unpack fails, differs, or leaks temporary files.
 */
export async function checkUnpackFixture<T>(
  packagerClass: PackCase['packagerClass'],
  fixture: UnpackFixture<T>,
  options: {
    readonly typeHint?: PackableType;
    readonly equals?: Equality<T>;
    readonly environment?: PackCase['environment'];
  } = {},
): Promise<void> {
  const fileName = fixture.fileName ?? 'data';
  const c: PackCase<T> = {
    packagerClass,
    label: fixture.name ?? fileName,
    value: fixture.expected,
    artifactType: fixture.artifactType,
    ...options,
  };
  const where = `${packagerClass.name} unpacking the fixture ${c.label} (${fixture.artifactType}${fixture.packaged === false ? ', no packaging record' : ''})`;
  const { leftovers } = await withTempSandbox(async () => {
    const t = managerFor(c);
    try {
      const d = definitionOf(t, c);
      const body = typeof fixture.body === 'string' ? Buffer.from(fixture.body) : fixture.body;
      const packaging = {
        packager: d.name,
        objectType: d.typeName,
        artifactType: fixture.artifactType,
        instructions: fixture.instructions ?? {},
        runtime: { node: process.version, stowage: 'test' },
      };
      const artifact = await t.repository.log(
        new Artifact({ key: SAMPLE_KEY, body, fileName }),
        fixture.packaged === false ? {} : { packaging },
      );
      let back: unknown;
      try {
        back = await t.unpack(artifact.uri ?? '', options.typeHint ?? d.type);
      } catch (error) {
        throw new ConformanceError(
          'unpack-fixture',
          `${where} failed: ${errorText(error)}`,
          'Make the unpack method read this format; every instruction must be optional.',
          { cause: error },
        );
      }
      const same =
        options.equals === undefined
          ? isDeepStrictEqual(back, fixture.expected)
          : await options.equals(back, fixture.expected);
      if (!same) {
        throw new ConformanceError(
          'unpack-fixture',
          `${where} returned ${show(back)}, expected ${show(fixture.expected)}.`,
          'Return the value the fixture describes, or fix the fixture.',
        );
      }
    } finally {
      await t.dispose();
    }
  });
  if (leftovers.length > 0) {
    throw new ConformanceError(
      'no-temp-left',
      `${where} left temporary files behind: ${leftovers.join(', ')}.`,
      'Create temporary files only under ctx.tempDir(), never with os.tmpdir() directly.',
    );
  }
}
