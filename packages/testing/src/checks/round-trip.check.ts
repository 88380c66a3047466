import { ConformanceError } from './conformance.error';
import { deepSnapshot } from './deep-snapshot';
import { isDeepStrictEqual } from 'node:util';
import {
  definitionOf,
  describeCase,
  errorText,
  managerFor,
  packCase,
  sameValue,
  show,
  type PackCase,
} from './pack-case';
import { withTempSandbox } from './temp-sandbox';
import type { TestManager } from '../test-manager';

/**
 * Packs the case's value, unpacks the stored artifact with the packager's type as the type hint
 * (or the case's `typeHint`), and compares the two with the case's equality.
 *
 * @remarks
 * A value packed as a result is only checked for being recorded (results are kept in the run
 * record and are not unpacked). Returns the unpacked value.
 * @throws ConformanceError when packing or unpacking fails or the values differ.
 */
export async function checkRoundTrip<T>(c: PackCase<T>): Promise<unknown> {
  const { value } = await withTempSandbox(async () => {
    const t = managerFor(c);
    try {
      return await roundTrip(t, c, 'round-trip');
    } finally {
      await t.dispose();
    }
  });
  return value;
}

/** The round trip itself, on a manager the caller owns; `compare: false` skips the equality. @internal */
export async function roundTrip<T>(
  t: TestManager,
  c: PackCase<T>,
  check: string,
  compare = true,
): Promise<unknown> {
  const out = await packCase(t, c, check);
  if (out.kind === 'result' || c.unpack === false)
    return out.kind === 'result' ? out.value : out.artifact;
  const hint = c.typeHint ?? definitionOf(t, c).type;
  let back: unknown;
  try {
    back = await t.unpack(out.artifact.uri ?? '', hint);
  } catch (error) {
    throw new ConformanceError(
      check,
      `${describeCase(c)}, then unpacking it as ${hint.name} failed: ${errorText(error)}`,
      'Make the unpack method read what the pack method wrote (check the instructions it receives).',
      { cause: error },
    );
  }
  if (compare && !(await sameValue(c, back))) {
    throw new ConformanceError(
      check,
      `${describeCase(c)} did not round-trip.\n  packed:   ${show(c.value)}\n  unpacked: ${show(back)}`,
      'Make unpack return an equal value (same class, same data), or pass `equals` if equality is looser for this type.',
    );
  }
  return back;
}

/**
 * Packs the case's value and checks that nothing reachable from it changed (own properties,
 * array items, typed-array bytes, Map and Set entries, Date times, prototypes, frozenness).
 *
 * @throws ConformanceError naming the sample when the pack mutated it.
 */
export async function checkNoMutation<T>(c: PackCase<T>): Promise<void> {
  await withTempSandbox(async () => {
    const t = managerFor(c);
    try {
      const before = deepSnapshot(c.value);
      const shown = show(c.value);
      await packCase(t, c, 'no-mutation');
      if (!isDeepStrictEqual(deepSnapshot(c.value), before)) {
        throw new ConformanceError(
          'no-mutation',
          `${describeCase(c)} changed the value.\n  before: ${shown}\n  after:  ${show(c.value)}`,
          'Never modify the value being packed: copy it first (structuredClone, slice, spread) if you must transform it.',
        );
      }
    } finally {
      await t.dispose();
    }
  });
}

/**
 * Packs and unpacks the case's value with `os.tmpdir()` pointed at an empty directory, releases
 * the manager's temporary directories, and checks that the directory is empty again.
 *
 * @throws ConformanceError listing the leftover files.
 */
export async function checkNoTempLeft<T>(c: PackCase<T>): Promise<void> {
  let unpacked = false;
  const { leftovers } = await withTempSandbox(async () => {
    const t = managerFor(c);
    try {
      await roundTrip(t, c, 'no-temp-left', false);
      unpacked = true;
    } finally {
      await t.dispose();
    }
  });
  if (leftovers.length > 0) {
    throw new ConformanceError(
      'no-temp-left',
      `${describeCase(c)}${unpacked ? ' and unpacking it' : ''} left temporary files behind: ${leftovers.join(', ')}.`,
      'Create temporary files only under ctx.tempDir() (the manager removes it), never with os.tmpdir() directly.',
    );
  }
}
