import type { ErrorCode } from '../errors/error-codes';
import { DefinitionError } from '../errors/definition.error';
import { BUNDLE_METHOD, PACK_METHODS, UNPACK_METHODS } from '../metadata/metadata-keys';
import { readMetadata, readOwnMetadata } from '../metadata/metadata-store';
import type { MethodRecord, PackagerOptions } from './packager-args';
import { classChain } from '../objects';

const ALWAYS_PACKABLE = ['result', 'object'];
const ALWAYS_UNPACKABLE = ['object'];
const KNOWN_OPTIONS: ReadonlySet<string> = new Set([
  'type',
  'name',
  'priority',
  'packSubclasses',
  'defaultPackingArtifactType',
  'defaultUnpackingArtifactType',
  'bundleFromList',
  'bundleFromDict',
  'packageVersions',
  'inject',
]);
const BOOLEAN_OPTIONS = ['packSubclasses', 'bundleFromList', 'bundleFromDict'] as const;

/** Artifact types with a method on `target` or an ancestor. @internal */
export function declaredArtifactTypes(key: symbol, target: Function): Set<string> {
  const types = new Set<string>();
  for (const c of classChain(target)) {
    for (const r of readOwnMetadata<readonly MethodRecord[]>(key, c) ?? [])
      types.add(r.artifactType);
  }
  return types;
}

function checkDefaultType(
  fail: (what: string, code: ErrorCode, fix: string) => never,
  option: string,
  value: unknown,
  declared: Set<string>,
  always: readonly string[],
  decorator: string,
): void {
  if (value === undefined || typeof value === 'function') return;
  if (typeof value !== 'string') {
    fail(
      `${option} must be an artifact type name or a function.`,
      'DEFINITION_INVALID_OPTION_VALUE',
      `Set ${option} to e.g. "file", or to (value) => "file".`,
    );
  }
  if (!declared.has(value) && !always.includes(value)) {
    fail(
      `${option} "${value}" has no ${decorator}("${value}") method.`,
      'DEFINITION_UNKNOWN_DEFAULT_ARTIFACT_TYPE',
      `Add a ${decorator}("${value}") method or choose one of: ${[...declared, ...always].join(', ')}.`,
    );
  }
}

/**
 * Validates `@Packager` options against the class's decorated methods (own and inherited).
 * @throws DefinitionError with the codes listed on {@link Packager}. @internal
 */
export function checkPackagerOptions(target: Function, options: PackagerOptions): void {
  const name = target.name;
  const fail = (what: string, code: ErrorCode, fix: string): never => {
    throw new DefinitionError(`@Packager on ${name}: ${what}`, {
      code,
      details: { packager: name },
      fix,
    });
  };
  if (typeof options !== 'object' || options === null) {
    fail(
      'no options were given.',
      'DEFINITION_NO_TYPE',
      'Pass the options, at least the type: @Packager({ type: MyClass }).',
    );
  }
  const unknown = Object.keys(options).filter((k) => !KNOWN_OPTIONS.has(k));
  if (unknown.length > 0) {
    fail(
      `unknown option(s) ${unknown.map((k) => `"${k}"`).join(', ')}.`,
      'DEFINITION_UNKNOWN_OPTION',
      `Use only: ${[...KNOWN_OPTIONS].join(', ')}.`,
    );
  }
  if (typeof options.type !== 'function') {
    fail(
      '"type" is missing or is not a class.',
      'DEFINITION_NO_TYPE',
      'Set "type" to the class (or builtin constructor, or Nullish) this packager handles.',
    );
  }
  const p = options.priority;
  if (p !== undefined && (!Number.isInteger(p) || p < 1 || p > 10)) {
    fail(
      `priority ${String(p)} is not an integer from 1 to 10.`,
      'DEFINITION_INVALID_PRIORITY',
      'Use 1 (highest) to 10 (lowest); omit it for the default (3, builtins 5).',
    );
  }
  if (
    options.name !== undefined &&
    (typeof options.name !== 'string' || options.name.trim() === '')
  ) {
    fail(
      '"name" must be a non-empty string.',
      'DEFINITION_INVALID_NAME',
      'Give a stable id such as "geo.PointPackager", or omit it to use the class name.',
    );
  }
  for (const flag of BOOLEAN_OPTIONS) {
    if (options[flag] !== undefined && typeof options[flag] !== 'boolean') {
      fail(
        `"${flag}" must be true or false.`,
        'DEFINITION_INVALID_OPTION_VALUE',
        `Set ${flag} to true or false.`,
      );
    }
  }
  if (
    options.inject !== undefined &&
    (!Array.isArray(options.inject) || options.inject.some((t) => typeof t !== 'function'))
  ) {
    fail(
      '"inject" must be an array of classes (the constructor\'s services, in order).',
      'DEFINITION_INVALID_OPTION_VALUE',
      'List the classes the constructor takes, e.g. inject: [Storage, Logger].',
    );
  }
  const isFullControl =
    typeof (target.prototype as { isPackable?: unknown }).isPackable === 'function';
  if (!isFullControl) {
    checkDefaultType(
      fail,
      'defaultPackingArtifactType',
      options.defaultPackingArtifactType,
      declaredArtifactTypes(PACK_METHODS, target),
      ALWAYS_PACKABLE,
      '@Pack',
    );
    checkDefaultType(
      fail,
      'defaultUnpackingArtifactType',
      options.defaultUnpackingArtifactType,
      declaredArtifactTypes(UNPACK_METHODS, target),
      ALWAYS_UNPACKABLE,
      '@Unpack',
    );
  }
  const bundles = options.bundleFromList === true || options.bundleFromDict === true;
  if (bundles && readMetadata(BUNDLE_METHOD, target) === undefined) {
    fail(
      'bundleFromList/bundleFromDict is set but no method has @Bundle().',
      'DEFINITION_MISSING_BUNDLE',
      'Add a @Bundle() method that builds the type from the unpacked collection, or drop the flag.',
    );
  }
}
