import { ERROR_CODES } from '../../src/errors/error-codes';
import { CLI_ERROR_CODES } from '../../../cli/src/errors/cli-error-codes';
import { S3_ERROR_CODES } from '../../../s3/src/s3-error-codes';
import { TABLE_ERROR_CODES } from '../../../tables/src/table-error-codes';
import { QUEUE_ERROR_CODES } from '../../../bullmq/src/queue-error-codes';

/** One package's table of error codes: where it lives and the prefix its codes must carry. */
export interface PackageErrorCodes {
  /** The folder under `packages/`. */
  readonly dir: string;
  /** The prefix every code of a sibling package starts with (core has none of its own). */
  readonly prefix: string | undefined;
  readonly codes: Readonly<Record<string, string>>;
}

/** Every package that declares error codes, core first. Add a package here when it declares some. */
export const PACKAGE_ERROR_CODES: readonly PackageErrorCodes[] = [
  { dir: 'core', prefix: undefined, codes: ERROR_CODES },
  { dir: 's3', prefix: 'S3_', codes: S3_ERROR_CODES },
  { dir: 'cli', prefix: 'CLI_', codes: CLI_ERROR_CODES },
  { dir: 'tables', prefix: 'TABLE_', codes: TABLE_ERROR_CODES },
  { dir: 'bullmq', prefix: 'QUEUE_', codes: QUEUE_ERROR_CODES },
];

/** Every declared code, from every package. */
export const ALL_ERROR_CODES: readonly string[] = PACKAGE_ERROR_CODES.flatMap((p) =>
  Object.keys(p.codes),
);
