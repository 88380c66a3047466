import { OptionsError } from '@stowage/core';
import { ConformanceError } from './conformance.error';
import { describeCase, errorText, managerFor, SAMPLE_KEY, type PackCase } from './pack-case';
import { withTempSandbox } from './temp-sandbox';

/** The option name the kit adds to prove unknown options are rejected. */
export const UNKNOWN_OPTION = 'stowageKitUnknownOption';

/**
 * Packs the case's value with one extra option the packager cannot know, and checks the pack is
 * rejected with an `OptionsError` (directly or as a cause) and that nothing was stored.
 *
 * @throws ConformanceError when the option is accepted, rejected with another error, or the
 * failed pack left an artifact behind.
 */
export async function checkUnknownOptionRejected<T>(c: PackCase<T>): Promise<void> {
  const options = { ...(c.options ?? {}), [UNKNOWN_OPTION]: 'x' };
  const where = describeCase({ ...c, options });
  await withTempSandbox(async () => {
    const t = managerFor(c);
    try {
      let error: unknown;
      try {
        await t.manager.pack(c.fresh === undefined ? c.value : c.fresh(c.value), {
          key: SAMPLE_KEY,
          artifactType: c.artifactType,
          options,
        });
      } catch (caught) {
        error = caught;
      }
      if (error === undefined) {
        throw new ConformanceError(
          'unknown-option',
          `${where} succeeded: the unknown option "${UNKNOWN_OPTION}" was accepted.`,
          'Declare options with an options class (@Pack(type, { options })) so Stowage validates them, or throw an OptionsError for names you do not know.',
        );
      }
      if (!causeChain(error).some((e) => OptionsError.is(e))) {
        throw new ConformanceError(
          'unknown-option',
          `${where} failed with ${errorText(error)} instead of an OptionsError.`,
          'Let Stowage validate options (an options class), or throw an OptionsError naming the unknown option.',
          { cause: error },
        );
      }
      for await (const leftover of t.store.list('')) {
        throw new ConformanceError(
          'unknown-option',
          `${where} was rejected but left "${leftover.path}" in the store.`,
          'Validate options before writing anything.',
        );
      }
    } finally {
      await t.dispose();
    }
  });
}

function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (
    let e: unknown = error;
    e !== undefined && chain.length < 20;
    e = (e as { cause?: unknown }).cause
  ) {
    chain.push(e);
    if (typeof e !== 'object' || e === null) break;
  }
  return chain;
}
