import { HandlerError } from '../errors/handler.error';
import { PackingError } from '../errors/packing.error';

/** Two outputs of one batch with the same key. @internal */
export function duplicateKey(key: string): HandlerError {
  return new HandlerError(
    `Two outputs of the run have the key "${key}"; the second was not logged.`,
    {
      code: 'HANDLER_DUPLICATE_OUTPUT',
      details: { key },
      fix: 'Give each output (and each unbundled item, "<key>_<item>") its own key.',
    },
  );
}

/** An unbundled output some of whose items were not logged. @internal */
export function bundleIncomplete(key: string, bad: readonly string[]): HandlerError {
  return new HandlerError(
    `The unbundled output "${key}" is incomplete: ${bad.map((k) => `"${k}"`).join(', ')} could not be logged, so its structure was not recorded.`,
    {
      code: 'HANDLER_BUNDLE_INCOMPLETE',
      details: { key, failedItems: [...bad] },
      fix: 'See the failures of the listed items.',
    },
  );
}

/** An output whose staged bytes were deleted because committing another output failed. @internal */
export function commitAborted(key: string, failedKey: string, cause: unknown): PackingError {
  return new PackingError(
    `The output "${key}" was not committed: committing "${failedKey}" failed first, so the outputs not yet committed were aborted.`,
    {
      code: 'PACKING_COMMIT_ABORTED',
      details: { key, failedKey },
      cause,
      fix: `Fix the failure of "${failedKey}" (see its entry in failedOutputs) and run again.`,
    },
  );
}
