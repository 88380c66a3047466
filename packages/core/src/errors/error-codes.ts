/**
 * Every error code `@stowage/core` uses, with what it means. `docs/errors.md` lists the same codes;
 * a test keeps the two in step. Add a code here whenever core throws a new one. Sibling packages
 * declare their own codes with {@link defineErrorCodes} (`S3_*` in `@stowage/s3`, `CLI_*` in
 * `@stowage/cli`, `TABLE_*` in `@stowage/tables`); core lists none of them.
 */
export const ERROR_CODES = defineErrorCodes({
  STOWAGE_ERROR: 'Generic Stowage failure.',
  INPUT_UNREADABLE:
    'Reading a value given to a public entry point threw (a getter, proxy, toJSON or iterator).',
  DEFINITION_INVALID: 'A decorator or packager class is used wrongly.',
  DEFINITION_NO_TYPE: '@Packager has no "type" (or it is not a class).',
  DEFINITION_INVALID_PRIORITY: '@Packager priority is not an integer from 1 to 10.',
  DEFINITION_INVALID_NAME: '@Packager "name" is empty or not a string.',
  DEFINITION_UNKNOWN_OPTION: '@Packager got an option it does not know (a typo?).',
  DEFINITION_INVALID_OPTION_VALUE: 'A @Packager option has a value of the wrong type.',
  DEFINITION_UNKNOWN_DEFAULT_ARTIFACT_TYPE: 'A default artifact type has no matching method.',
  DEFINITION_MISSING_BUNDLE: 'bundleFromList/bundleFromDict is set but no method has @Bundle.',
  DEFINITION_DUPLICATE_METHOD: 'Two methods of one class claim the same artifact type or role.',
  DEFINITION_INVALID_ARTIFACT_TYPE: 'An artifact type name is not a simple word.',
  DEFINITION_NOT_A_METHOD: 'A method decorator is on something that is not an instance method.',
  DEFINITION_NOT_A_PROPERTY: '@Option is on something that is not an instance property.',
  DEFINITION_INVALID_OPTIONS_CLASS: 'A packing-options class is not a class or needs arguments.',
  DEFINITION_INVALID_SERIALIZABLE_ID:
    '@Serializable or registerClass got an empty or non-string id.',
  DEFINITION_OPTION_WITHOUT_DEFAULT: 'A packing option has no default value.',
  DEFINITION_INVALID_OPTION_SPEC: '@Option got a type or allowed list that does not fit.',
  DEFINITION_NOT_A_PACKAGER: 'A class given to the registry has no @Packager of its own.',
  DEFINITION_DUPLICATE_NAME: 'Two registered packagers share one stable name.',
  DEFINITION_INCOMPLETE_FULL_CONTROL: 'A full-control packager lacks one of its four methods.',
  DEFINITION_NO_DECORATOR_METADATA:
    'A standard decorator got no context.metadata (TypeScript 5.0/5.1), so the class records cannot be collected.',
  DEFINITION_INJECT_REQUIRED:
    "A packager's constructor takes services whose types are unknown (no design:paramtypes, no inject).",
  COLLECTION_FAILED: 'A packager could not be collected.',
  COLLECTION_INVALID_SPECIFIER: 'A custom packager module specifier is malformed.',
  COLLECTION_MODULE_NOT_FOUND: 'A custom packager module cannot be resolved from the project root.',
  COLLECTION_IMPORT_FAILED: 'A custom packager module threw while being imported.',
  COLLECTION_EXPORT_MISSING: 'A custom packager module has no export of the given name.',
  COLLECTION_NOT_A_PACKAGER: 'A custom packager export is not a @Packager class.',
  COLLECTION_INSTANTIATION_FAILED: 'The container could not build a packager instance.',
  PACKING_FAILED: 'A value could not be packed.',
  PATH_NOT_FOUND: 'A value logged as a path names no existing file or folder.',
  PATH_EMPTY: 'An empty string was given as a path (it would mean the working directory).',
  FORMAT_NOT_EXACT: 'A value holds something the chosen text format cannot store exactly.',
  FORMAT_NOT_AN_ARRAY: 'jsonl was asked for a value that is not an array.',
  FORMAT_NOT_RECORDS: 'csv was asked for a value that is not a list of plain records.',
  DATASET_NOT_TABULAR: 'A value packed as a dataset is not an array of records or of scalars.',
  NPY_UNSUPPORTED_DTYPE: 'An array has (or a .npy file declares) a dtype Stowage does not handle.',
  NPY_SHAPE_MISMATCH: 'A shape does not fit the array length.',
  PACKING_NO_PACKAGER: 'No packager packs this type as the requested artifact type.',
  PACKING_UNSUPPORTED_ARTIFACT_TYPE: 'The chosen packager has no method for the artifact type.',
  PACKING_METHOD_FAILED: 'A pack method threw.',
  PACKING_INVALID_OUTPUT: 'A pack method returned something that is not an artifact or result.',
  PACKING_NOT_JSON_SAFE: 'A value packed as a result cannot be made JSON-safe.',
  PACKING_NO_REPOSITORY: 'An artifact was packed but the manager has no repository to store it.',
  PACKING_STORE_FAILED: 'Staging or committing a packed artifact failed.',
  PACKING_COMMIT_ABORTED:
    'An output was not committed because committing another output of its batch failed first.',
  PACKING_RUN_OUTPUTS_FAILED: 'Some outputs of a run could not be logged (the others were).',
  UNPACKING_FAILED: 'A data item could not be unpacked.',
  FORMAT_INVALID: 'Stored bytes do not parse in their recorded format.',
  FORMAT_UNKNOWN: 'A stored file has no format Stowage reads as structured data.',
  SCALAR_INVALID: 'A one-value text file does not hold a value of the expected kind.',
  NPY_INVALID: '.npy bytes have a bad magic, version or header.',
  NPY_TRUNCATED: '.npy data is shorter than its header says.',
  NPZ_INVALID: 'An .npz bundle is not a zip of .npy files.',
  NPZ_FIELD_NOT_ARRAY: 'A record packed as npz has a field that is not a typed array.',
  UNPACKING_NO_PACKAGER: 'Every packager that could unpack the item failed or none fits.',
  UNPACKING_TYPE_MISMATCH:
    'The type hint is not what the item holds and no documented conversion reaches it.',
  UNPACKING_NOT_EXACT: 'A documented conversion to the type hint would change this value.',
  UNPACKING_INPUT_FAILED:
    'A run input could not be opened or unpacked; the handler was not called.',
  BUNDLING_FAILED: 'A collection input could not be bundled.',
  BUNDLING_NO_PACKAGER: 'No packager with @Bundle builds the hinted type from a list or dict.',
  BUNDLING_ITEM_FAILED: 'One item of a collection input could not be opened or unpacked.',
  BUNDLING_ITEM_NOT_UNPACKED: 'An item of a collection input has no packaging record and no type.',
  BUNDLING_ITEM_TYPE_MISMATCH: 'A plain value in a collection input is not of the items type.',
  UNBUNDLING_FAILED: 'A collection output could not be unbundled.',
  UNBUNDLING_BAD_RESULT: 'An @Unbundle method returned neither a list nor a dict.',
  UNBUNDLING_BAD_ITEM_KEY: 'A dict item name makes an invalid output key when unbundled.',
  UNBUNDLING_KEY_COLLISION: 'Two unbundled items get the same output key.',
  LOG_HINT_INVALID: 'A log hint is malformed.',
  LOG_HINT_BAD_INPUT: 'A log hint is neither a string, an object nor a hint() builder.',
  LOG_HINT_EMPTY: 'A string log hint is empty.',
  LOG_HINT_EMPTY_KEY: 'A log hint has no key.',
  LOG_HINT_BAD_KEY: 'A log hint key is quoted or has a character that is not allowed.',
  LOG_HINT_BAD_LEVEL: 'The unbundling level (N in N*key, or itemized) is not a positive integer.',
  LOG_HINT_DOUBLE_STAR: "A log hint uses '**', which is not supported.",
  LOG_HINT_MISPLACED_STAR: "A log hint puts '*' after the key instead of before it.",
  LOG_HINT_EMPTY_ARTIFACT_TYPE: "A log hint has ':' but no artifact type after it.",
  LOG_HINT_BAD_ARTIFACT_TYPE: 'A log hint artifact type is not a simple word.',
  LOG_HINT_UNTERMINATED_STRING: 'A quoted value in a log hint is never closed.',
  LOG_HINT_BAD_ESCAPE: 'A quoted value in a log hint has an unknown backslash escape.',
  LOG_HINT_UNEXPECTED_CHARACTER: 'A log hint has a reserved or control character outside quotes.',
  LOG_HINT_UNCLOSED_BRACKET: "A '[' in a log hint is never closed.",
  LOG_HINT_TRAILING_INPUT: 'A log hint has text after its end.',
  LOG_HINT_EXPECTED_OPTION_NAME: 'A log hint has no option name where one is needed.',
  LOG_HINT_BAD_OPTION_NAME: 'A log hint option name is not an identifier.',
  LOG_HINT_EXPECTED_EQUALS: "A log hint option has no '=' and value.",
  LOG_HINT_EXPECTED_VALUE: 'A log hint option or list has no value where one is needed.',
  LOG_HINT_EXPECTED_COMMA: "Items in a log hint's options or list are not separated by ','.",
  LOG_HINT_DUPLICATE_OPTION: 'A log hint gives one option twice.',
  LOG_HINT_BAD_NUMBER: 'A number in a log hint cannot be represented exactly.',
  LOG_HINT_TOO_DEEP: 'Lists in a log hint option are nested too deeply.',
  LOG_HINT_UNKNOWN_FIELD: 'An object-form log hint has a field that is not a log hint field.',
  LOG_HINT_BAD_FIELD: 'An object-form log hint field has the wrong type.',
  LOG_HINT_BAD_TAG: 'A log hint tag is not a simple word.',
  LOG_HINT_UNKNOWN_OPTION: 'A hint() builder sets an option its options class does not declare.',
  LOG_HINT_NOT_FORMATTABLE: 'A log hint option value has no string form.',
  OPTIONS_INVALID: 'Packing options are invalid.',
  OPTIONS_UNKNOWN: 'A packing option is not declared by the pack method.',
  OPTIONS_WRONG_TYPE: 'A packing option value cannot be converted to its declared type.',
  OPTIONS_NOT_ALLOWED: 'A packing option value is outside its allowed set.',
  OPTIONS_NOT_AN_OBJECT: 'The packing options are not a plain object.',
  INTEGRITY_MISMATCH: 'Stored bytes do not match their recorded hash or size.',
  STORE_FAILED: 'A store operation failed.',
  STORE_PATH_ESCAPE: 'A store path leads outside the store root through a symbolic link.',
  STORE_READ_ONLY: 'The store is on a read-only filesystem (EROFS).',
  STORE_PERMISSION_DENIED: 'The operating system refused access to a store file (EACCES, EPERM).',
  STORE_DISK_FULL: 'The disk (or quota) of the store is full (ENOSPC, EDQUOT).',
  RANGE_INVALID: 'A byte range asked of a store is malformed.',
  RECORD_INVALID: 'A stored artifact or run record is malformed or too new to read.',
  RECORD_CORRUPT: 'A stored artifact or run record fails its checksum or holds impossible values.',
  STORE_FORMAT_TOO_NEW: 'A store (or an artifact record in it) was written by a newer Stowage.',
  STORE_FORMAT_INVALID: 'The format marker stowage-store.json of a store is damaged.',
  PROMPT_VARIABLE_MISSING: 'A prompt template placeholder has no value.',
  NOT_FOUND: 'Something requested does not exist.',
  KEY_INVALID: 'An artifact key or store path is not allowed.',
  HANDLER_INVALID: 'A handler is declared or called wrongly.',
  HANDLER_INVALID_OPTIONS: '@Handler, handler() or run() got an unknown or invalid option.',
  HANDLER_INVALID_NAME: 'An @Input or @Param name is not a simple name.',
  HANDLER_NOT_A_METHOD_PARAMETER:
    '@Input or @Param is on a constructor or static method parameter.',
  HANDLER_DUPLICATE_BINDING: 'One name or one parameter is bound twice on a handler.',
  HANDLER_DUPLICATE_OUTPUT: 'Two outputs of a handler or run have the same key.',
  HANDLER_INPUTS_NOT_DECLARED:
    'A handler declared with standard decorators takes parameters but declares no inputs or params.',
  HANDLER_INVALID_INPUT_TYPE: 'A handler() input type is not a class or collection hint.',
  HANDLER_NOT_CALLABLE: 'run() got something that is not a function or [instance, method].',
  HANDLER_NOT_DECORATED: 'run() got [instance, method] for a method without @Handler.',
  HANDLER_UNBOUND_PARAMETER: 'A handler method parameter has no @Input or @Param.',
  HANDLER_MISSING_TYPE_METADATA: 'An input has no explicit type and no design:paramtypes metadata.',
  HANDLER_UNPACKABLE_INPUT_TYPE:
    'An input is typed Function (often a class imported with `import type`), Promise or another type no packager produces.',
  HANDLER_AMBIGUOUS_INPUT_TYPE:
    'An input is typed as an interface, union or generic (Object at run time).',
  HANDLER_UNKNOWN_INPUT: 'run() got an input the handler does not declare.',
  HANDLER_UNKNOWN_PARAM: 'run() got a param the handler does not declare.',
  HANDLER_INVALID_INPUT: 'A run input is not a URI, path, data item or collection of these.',
  HANDLER_NO_STORE: 'run() has no store to record the run in.',
  HANDLER_COLLECTION_INPUT:
    'RunContext.getInput() was asked for a collection input (no single URI).',
  HANDLER_RETURN_NOT_ARRAY: 'A handler with several output hints returned a non-array value.',
  HANDLER_BUNDLE_INCOMPLETE:
    'Some items of an unbundled output failed, so its structure was not recorded.',
  SERIALIZATION_FAILED: 'The object fallback could not encode or decode a value.',
  SERIALIZATION_UNSUPPORTED_VALUE:
    'The object fallback met a function, symbol, promise or weak collection.',
  SERIALIZATION_UNREGISTERED_CLASS: 'Strict mode met an instance of a class with no registered id.',
  SERIALIZATION_TOO_DEEP: 'A value is nested deeper than the fallback allows.',
  SERIALIZATION_TOO_LARGE: 'Encoded object data is over the size limit.',
  SERIALIZATION_CORRUPT: 'Stored object data is damaged or was not written by the fallback.',
  TAGGED_VALUE_INVALID:
    'A stored tagged JSON value ($bigint, $date, $number, $escape) is malformed.',
  ARCHIVE_INVALID: 'An archive is unsafe or unsupported.',
  ARCHIVE_UNSUPPORTED_FORMAT: 'An archive format is not zip, tar or tar.gz.',
  ARCHIVE_ENTRY_ESCAPES: 'An archive entry or link points outside the target folder.',
  ARCHIVE_SYMLINK_ESCAPES: 'A folder to archive holds a symlink pointing outside it.',
  ARCHIVE_TOO_MANY_ENTRIES: 'An archive has more entries than allowed.',
  ARCHIVE_TOO_LARGE: 'An archive expands to more bytes than allowed.',
  ARCHIVE_CORRUPT: 'An archive is truncated or not of its format.',
  ARCHIVE_RATIO_TOO_HIGH: 'An archive expands more times its size than allowed (a bomb).',
  ARCHIVE_LINK_ENTRY: 'An archive holds a symbolic or hard link entry; links are never extracted.',
  ARCHIVE_DUPLICATE_ENTRY: 'Two archive entries name the same path.',
  ARCHIVE_TARGET_EXISTS: 'An archive was to be extracted into a path that is taken.',
  ARCHIVE_WRITE_FAILED: 'Writing the extracted files failed (disk full, permissions).',
  ARCHIVE_SOURCE_CHANGED: 'A file changed while its folder was being packed.',
  ARCHIVE_ZIP_TOO_LARGE: 'A folder is too large for a zip archive (4 GiB).',
  DEPENDENCY_MISSING: 'An optional package is not installed.',
  CONFIG_INVALID: 'A project configuration is invalid.',
  CONFIG_INVALID_JSON: 'stowage.config.json or package.json is not valid JSON.',
  CONFIG_INVALID_SHAPE: 'The Stowage configuration does not have the expected fields.',
  CONFIG_PACKAGER_NOT_FOUND: 'removeCustomPackager got a module that is not configured.',
  CONFIG_WRITE_FAILED: 'The configuration file could not be written.',
  GC_OPTIONS_INVALID:
    'A garbage collection option (grace period, stale threshold, time) is invalid.',
  LIFECYCLE_FAILED: 'A tag, delete or retention operation on a store failed.',
  LIFECYCLE_VERSION_PROTECTED: 'A version to delete is named by a tag or was read by a kept run.',
  LIFECYCLE_DELETE_CONFLICT: 'A tag was moved onto a version while it was being deleted.',
  LIFECYCLE_RETENTION_INVALID: 'Retention rules (stowage gc --retention) are malformed.',
  LIFECYCLE_COPY_INVALID:
    'What to copy between stores (stowage cp) is malformed or names one store twice.',
  LIFECYCLE_COPY_CONFLICT:
    'A version (or run record) to copy already exists at the destination with other content.',
  LIFECYCLE_COPY_INTEGRITY:
    'Bytes or a record copied between stores did not match the source record; nothing was committed for it.',
  RUN_LOST:
    'Recorded in a run marked lost: it was still running when its process died (set by stowage gc).',
});

/**
 * Every error code known to this program: core's {@link ERROR_CODES} and the codes each loaded
 * sibling package adds by augmenting this interface (see {@link defineErrorCodes}). The keys
 * matter; the values are the one-line meanings.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- augmented by sibling packages
export interface ErrorCodeRegistry extends CoreErrorCodes {}

/** The codes of {@link ERROR_CODES}, as an object type {@link ErrorCodeRegistry} can extend. */
type CoreErrorCodes = typeof ERROR_CODES;

/**
 * A known error code: the type of `code` on every {@link StowageError}. It is the union of core's
 * codes and those of every sibling package whose types are loaded (`S3_*` once `@stowage/s3` is
 * imported, and so on).
 */
export type ErrorCode = Extract<keyof ErrorCodeRegistry, string>;

/**
 * Declares a package's error codes, each with its one-line meaning, and returns them frozen with
 * their literal types kept.
 *
 * @remarks
 * A package outside core calls it once, in its own `*-error-codes.ts`, then adds its codes to
 * {@link ErrorCodeRegistry} so `code` is typed with them wherever the package is loaded:
 *
 * @example
 * ```ts
 * import { defineErrorCodes } from '@stowage/core';
 *
 * export const QUEUE_ERROR_CODES = defineErrorCodes({
 *   QUEUE_FULL: 'The job queue refused a message because it is full.',
 * });
 *
 * type QueueErrorCodes = typeof QUEUE_ERROR_CODES;
 * declare module '@stowage/core' {
 *   interface ErrorCodeRegistry extends QueueErrorCodes {}
 * }
 * ```
 *
 * Codes are upper-case words joined by `_`, starting with the package's prefix; each is listed in
 * `docs/errors.md` with its meaning and how to fix it.
 */
export function defineErrorCodes<const Codes extends Record<string, string>>(
  codes: Codes,
): Readonly<Codes> {
  return Object.freeze({ ...codes });
}
