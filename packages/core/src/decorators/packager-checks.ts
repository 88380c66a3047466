import { DefinitionError } from '../errors/definition.error';
import { BUNDLE_METHOD, PACK_METHODS, UNPACK_METHODS } from '../metadata/metadata-keys';
import { readMetadata } from '../metadata/metadata-store';
import type { MethodRecord, PackagerOptions } from './packager-args';

const ALWAYS_PACKABLE = new Set(['result', 'object']);
const ALWAYS_UNPACKABLE = new Set(['object']);

/** Artifact types with a method on `target` or an ancestor. @internal */
export function declaredArtifactTypes(key: symbol, target: object): Set<string> {
  const types = new Set<string>();
  for (let c: unknown = target; typeof c === 'function' && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    for (const r of (Reflect.getOwnMetadata(key, c) ?? []) as readonly MethodRecord[]) types.add(r.artifactType);
  }
  return types;
}

/** Validates `@Packager` options against the class's decorated methods. @internal */
export function checkPackagerOptions(target: Function, options: PackagerOptions): void {
  const name = target.name;
  const fail = (what: string, code: string, fix: string): never => {
    throw new DefinitionError(`@Packager on ${name}: ${what}`, { code, details: { packager: name }, fix });
  };
  if (typeof options !== 'object' || options === null) {
    fail('no options were given.', 'DEFINITION_NO_TYPE', 'Pass the options, at least the type: @Packager({ type: MyClass }).');
  }
  if (typeof options.type !== 'function') {
    fail('"type" is missing or is not a class.', 'DEFINITION_NO_TYPE', 'Set "type" to the class (or builtin constructor, or Nullish) this packager handles.');
  }
  const p = options.priority;
  if (p !== undefined && (!Number.isInteger(p) || p < 1 || p > 10)) {
    fail(`priority ${String(p)} is not an integer from 1 to 10.`, 'DEFINITION_INVALID_PRIORITY', 'Use 1 (highest) to 10 (lowest); omit it for the default (3).');
  }
  if (options.name !== undefined && (typeof options.name !== 'string' || options.name.trim() === '')) {
    fail('"name" must be a non-empty string.', 'DEFINITION_INVALID_NAME', 'Give a stable id such as "geo.PointPackager", or omit it to use the class name.');
  }
  const packTypes = declaredArtifactTypes(PACK_METHODS, target);
  const unpackTypes = declaredArtifactTypes(UNPACK_METHODS, target);
  const isFullControl = typeof (target.prototype as { isPackable?: unknown }).isPackable === 'function';
  if (!isFullControl) {
    const dp = options.defaultPackingArtifactType;
    if (typeof dp === 'string' && !packTypes.has(dp) && !ALWAYS_PACKABLE.has(dp)) {
      fail(`defaultPackingArtifactType "${dp}" has no @Pack("${dp}") method.`, 'DEFINITION_UNKNOWN_DEFAULT_ARTIFACT_TYPE',
        `Add a @Pack("${dp}") method or choose one of: ${[...packTypes, ...ALWAYS_PACKABLE].join(', ')}.`);
    }
    const du = options.defaultUnpackingArtifactType;
    if (typeof du === 'string' && !unpackTypes.has(du) && !ALWAYS_UNPACKABLE.has(du)) {
      fail(`defaultUnpackingArtifactType "${du}" has no @Unpack("${du}") method.`, 'DEFINITION_UNKNOWN_DEFAULT_ARTIFACT_TYPE',
        `Add an @Unpack("${du}") method or choose one of: ${[...unpackTypes, ...ALWAYS_UNPACKABLE].join(', ')}.`);
    }
  }
  if ((options.bundleFromList === true || options.bundleFromDict === true) && readMetadata(BUNDLE_METHOD, target) === undefined) {
    fail('bundleFromList/bundleFromDict is set but no method has @Bundle().', 'DEFINITION_MISSING_BUNDLE',
      'Add a @Bundle() method that builds the type from the unpacked collection, or drop the flag.');
  }
}
