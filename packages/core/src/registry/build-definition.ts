import type { MethodRecord, PackagerArgs } from '../decorators/packager-args';
import { DefinitionError } from '../errors/definition.error';
import {
  BUNDLE_METHOD,
  PACK_METHODS,
  PACKAGER_ARGS,
  UNBUNDLE_METHOD,
  UNPACK_METHODS,
} from '../metadata/metadata-keys';
import { readMetadata, readOwnMetadata } from '../metadata/metadata-store';
import { buildOptionsSchema, NO_OPTIONS } from '../options/options-schema';
import { Nullish } from '../types';
import type { ConcreteConstructor, PackableType } from '../types';
import type {
  PackagerDefinition,
  PackMethodDefinition,
  UnpackMethodDefinition,
} from './packager-definition';
import { classChain } from '../objects';

const FULL_CONTROL_METHODS = ['isPackable', 'isUnpackable', 'pack', 'unpack'] as const;

/** The classes from the oldest ancestor down to `cls`. */
function lineage(cls: Function): Function[] {
  return [...classChain(cls)].reverse();
}

/** Merges the `@Pack`/`@Unpack` records of a class and its bases; a subclass overrides its bases. */
function mergeMethods<T>(
  key: symbol,
  cls: Function,
  make: (r: MethodRecord, owner: string) => T,
): Record<string, T> {
  const table = Object.create(null) as Record<string, T>;
  for (const c of lineage(cls)) {
    for (const record of readOwnMetadata<readonly MethodRecord[]>(key, c) ?? []) {
      table[record.artifactType] = make(record, c.name);
    }
  }
  return Object.freeze(table);
}

/** A readable name for a packable type. @internal */
export function typeNameOf(type: PackableType): string {
  return type === Nullish ? 'null/undefined' : type.name || '<anonymous class>';
}

function checkFullControl(cls: ConcreteConstructor, name: string): void {
  const proto = cls.prototype as Record<string, unknown>;
  const missing = FULL_CONTROL_METHODS.filter((m) => typeof proto[m] !== 'function');
  if (missing.length > 0) {
    throw new DefinitionError(
      `The full-control packager ${name} has no ${missing.join(', ')} method.`,
      {
        code: 'DEFINITION_INCOMPLETE_FULL_CONTROL',
        details: { packager: name, missing },
        fix: 'Implement isPackable, isUnpackable, pack and unpack (see FullControlPackager), or use @Pack/@Unpack.',
      },
    );
  }
}

/**
 * Builds the frozen definition of one `@Packager` class: reads its own `@Packager` record, merges
 * the `@Pack`/`@Unpack` methods of its bases, resolves defaults and options schemas.
 *
 * @throws DefinitionError `DEFINITION_NOT_A_PACKAGER` when the class has no `@Packager` of its
 * own, `DEFINITION_INCOMPLETE_FULL_CONTROL` for a partial full-control packager. @internal
 */
export function buildDefinition(
  cls: ConcreteConstructor,
  registrationIndex: number,
): PackagerDefinition {
  const args =
    typeof cls === 'function' ? readOwnMetadata<PackagerArgs>(PACKAGER_ARGS, cls) : undefined;
  if (args === undefined) {
    const label = typeof cls === 'function' ? cls.name : String(cls);
    const inherited = typeof cls === 'function' && readMetadata(PACKAGER_ARGS, cls) !== undefined;
    throw new DefinitionError(
      `${label} was registered as a packager but has no @Packager${inherited ? ' of its own (it only inherits one)' : ''}.`,
      {
        code: 'DEFINITION_NOT_A_PACKAGER',
        details: { packager: label },
        fix: 'Decorate the class with @Packager({ type: … }) (a subclass of a packager needs its own).',
      },
    );
  }
  const { options, builtin } = args;
  const name = options.name ?? cls.name;
  const fullControl = typeof (cls.prototype as { isPackable?: unknown }).isPackable === 'function';
  if (fullControl) checkFullControl(cls, name);
  const packMethods = mergeMethods<PackMethodDefinition>(PACK_METHODS, cls, (r, owner) =>
    Object.freeze({
      artifactType: r.artifactType,
      method: r.method,
      declaredBy: owner,
      declaredWith: r.mode ?? 'legacy',
      options:
        r.optionsClass === undefined
          ? NO_OPTIONS
          : buildOptionsSchema(
              r.optionsClass,
              `@Pack("${r.artifactType}") on ${owner}.${String(r.method)}`,
            ),
    }),
  );
  const unpackMethods = mergeMethods<UnpackMethodDefinition>(UNPACK_METHODS, cls, (r, owner) =>
    Object.freeze({
      artifactType: r.artifactType,
      method: r.method,
      declaredBy: owner,
      declaredWith: r.mode ?? 'legacy',
    }),
  );
  const firstPack = Object.keys(packMethods)[0];
  const firstUnpack = Object.keys(unpackMethods)[0];
  return Object.freeze({
    name,
    packagerClass: cls,
    type: options.type,
    typeName: typeNameOf(options.type),
    priority: options.priority ?? (builtin ? 5 : 3),
    packSubclasses: options.packSubclasses ?? false,
    builtin,
    fullControl,
    packs:
      fullControl || firstPack !== undefined || options.defaultPackingArtifactType !== undefined,
    unpacks:
      fullControl ||
      firstUnpack !== undefined ||
      options.defaultUnpackingArtifactType !== undefined,
    defaultPackingArtifactType: options.defaultPackingArtifactType ?? firstPack ?? 'object',
    defaultUnpackingArtifactType: options.defaultUnpackingArtifactType ?? firstUnpack ?? 'object',
    packMethods,
    unpackMethods,
    bundleFromList: options.bundleFromList ?? false,
    bundleFromDict: options.bundleFromDict ?? false,
    bundleMethod: readMetadata<string | symbol>(BUNDLE_METHOD, cls),
    unbundleMethod: readMetadata<string | symbol>(UNBUNDLE_METHOD, cls),
    packageVersions: Object.freeze({ ...(options.packageVersions ?? {}) }),
    declaredWith: args.mode ?? 'legacy',
    inject: options.inject === undefined ? undefined : Object.freeze([...options.inject]),
    registrationIndex,
  });
}
