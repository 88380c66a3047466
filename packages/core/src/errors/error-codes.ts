/**
 * Every error code Stowage uses, with what it means. `docs/errors.md` lists the same codes; a
 * test keeps the two in step. Add a code here whenever you throw a new one.
 */
export const ERROR_CODES = {
  STOWAGE_ERROR: 'Generic Stowage failure.',
  DEFINITION_INVALID: 'A decorator or packager class is used wrongly.',
  COLLECTION_FAILED: 'A packager could not be collected.',
  PACKING_FAILED: 'A value could not be packed.',
  UNPACKING_FAILED: 'A data item could not be unpacked.',
  BUNDLING_FAILED: 'A collection input could not be bundled.',
  UNBUNDLING_FAILED: 'A collection output could not be unbundled.',
  LOG_HINT_INVALID: 'A log hint is malformed.',
  OPTIONS_INVALID: 'Packing options are invalid.',
  INTEGRITY_MISMATCH: 'Stored bytes do not match their recorded hash or size.',
  STORE_FAILED: 'A store operation failed.',
  NOT_FOUND: 'Something requested does not exist.',
  KEY_INVALID: 'An artifact key or store path is not allowed.',
  HANDLER_INVALID: 'A handler is declared or called wrongly.',
  SERIALIZATION_FAILED: 'The object fallback could not encode or decode a value.',
  ARCHIVE_INVALID: 'An archive is unsafe or unsupported.',
  DEPENDENCY_MISSING: 'An optional package is not installed.',
  CONFIG_INVALID: 'A project configuration is invalid.',
} as const satisfies Record<string, string>;

/** A code listed in {@link ERROR_CODES}. */
export type ErrorCode = keyof typeof ERROR_CODES;
