import { UnpackingError } from '../errors/unpacking.error';

/** One packager the manager tried (or considered) while unpacking, and why it did not return. */
export interface UnpackAttempt {
  readonly packager: string;
  /** The artifact type it was asked to unpack, when it got that far. */
  readonly artifactType: string | undefined;
  /** `skipped`: not called (gone, not fitting, no method); `failed`: called and threw. */
  readonly outcome: 'skipped' | 'failed';
  readonly reason: string;
  readonly error?: unknown;
}

/**
 * The single error thrown when nothing could unpack an item, listing every attempt.
 * @internal
 */
export function unpackingFailed(
  itemKey: string,
  url: string,
  hintName: string | undefined,
  attempts: readonly UnpackAttempt[],
): UnpackingError {
  const target = hintName === undefined ? '' : ` into a ${hintName}`;
  const lines =
    attempts.length === 0
      ? ['  (no packager matches the item or the type hint)']
      : attempts.map((a, i) => {
          const as = a.artifactType === undefined ? '' : ` as "${a.artifactType}"`;
          return `  ${i + 1}. ${a.packager}${as}: ${a.outcome}: ${a.reason}`;
        });
  const firstFailure = attempts.find((a) => a.outcome === 'failed');
  return new UnpackingError(
    `Could not unpack "${itemKey}" (${url})${target}. Tried:\n${lines.join('\n')}`,
    {
      code: 'UNPACKING_NO_PACKAGER',
      details: {
        key: itemKey,
        url,
        typeHint: hintName,
        attempts: attempts.map(({ packager, artifactType, outcome, reason }) => ({
          packager,
          artifactType,
          outcome,
          reason,
        })),
      },
      cause: firstFailure?.error,
      fix: 'Register (and import) the packager that wrote the artifact, or give a type hint that a registered packager unpacks.',
    },
  );
}
