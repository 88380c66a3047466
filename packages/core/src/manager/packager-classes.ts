import type { PackagerSnapshot } from '../registry/packager-snapshot';
import { ClassRegistry } from '../serialization/class-registry';
import { Nullish, type Constructor } from '../types';

/** Whether `type` is a constructor JavaScript or Node defines globally (`Map`, `Date`, `Buffer`…). */
function isGlobalConstructor(type: Constructor): boolean {
  const holder = globalThis as unknown as Record<string, unknown>;
  return Object.prototype.hasOwnProperty.call(holder, type.name) && holder[type.name] === type;
}

/**
 * The class registry a manager hands its packagers as `ctx.classes`: the one it was given (or a
 * new one that sees `@Serializable` classes), with the `type` of every custom packager added
 * under the id `packager:<packager name>` so the `object` fallback revives those values too.
 *
 * @remarks
 * A type that is already registered (in that registry or through `@Serializable`) keeps its id;
 * builtin packagers, `Nullish` and global constructors (`Map`, `Date`, …) are skipped, since the
 * fallback keeps those natively. When two packagers share a type, the first one names it. The
 * packager name is used because it is the stable id Stowage already records with artifacts.
 * @internal
 */
export function managerClassRegistry(
  given: ClassRegistry | undefined,
  snapshot: PackagerSnapshot,
): ClassRegistry {
  const classes = given ?? new ClassRegistry();
  for (const definition of snapshot.definitions) {
    const type = definition.type;
    if (definition.builtin || type === Nullish || typeof type !== 'function') continue;
    const cls = type as Constructor;
    if (isGlobalConstructor(cls) || classes.registrationOf(cls) !== undefined) continue;
    classes.registerClass(cls, `packager:${definition.name}`);
  }
  return classes;
}
