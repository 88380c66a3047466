import type { DataItem } from '../data/data-item';
import { applyOption, type OptionSpec } from '../decorators/option.decorator';
import { applyPack } from '../decorators/pack.decorator';
import { applyPackager } from '../decorators/packager.decorator';
import type { PackagerOptions } from '../decorators/packager-args';
import { addMethodRecord, setRoleMethod } from '../decorators/method-records';
import { DefinitionError } from '../errors/definition.error';
import { BUNDLE_METHOD, UNBUNDLE_METHOD, UNPACK_METHODS } from '../metadata/metadata-keys';
import type { ConcreteConstructor, Instructions } from '../types';
import type { PackContext, PackOutput, UnpackContext } from './pack-context';

/** A pack method named in {@link registerPackager}: its name, or its name and options class. */
export type PackMethodRef =
  | string
  | symbol
  | { readonly method: string | symbol; readonly options?: ConcreteConstructor<object> };

/**
 * What {@link registerPackager} takes: the `@Packager` options plus, by artifact type, the names
 * of the methods `@Pack`/`@Unpack` would mark, and the `@Bundle`/`@Unbundle` methods.
 */
export interface PackagerRegistration<T = unknown> extends PackagerOptions<T> {
  /** Pack methods by artifact type: `{ file: 'packFile' }` or `{ file: { method: 'packFile', options: FileOptions } }`. */
  readonly pack?: Readonly<Record<string, PackMethodRef>>;
  /** Unpack methods by artifact type: `{ file: 'unpackFile' }`. */
  readonly unpack?: Readonly<Record<string, string | symbol>>;
  /** The method `@Bundle` would mark. */
  readonly bundle?: string | symbol;
  /** The method `@Unbundle` would mark. */
  readonly unbundle?: string | symbol;
}

/** A pack function of {@link definePackager}; `this` is the packager instance. */
export type PackFunction<T> = (
  this: DefinedPackager,
  value: T,
  key: string,
  options: Readonly<Record<string, unknown>>,
  ctx: PackContext,
) => PackOutput | Promise<PackOutput>;

/** An unpack function of {@link definePackager}; `this` is the packager instance. */
export type UnpackFunction<T> = (
  this: DefinedPackager,
  item: DataItem,
  instructions: Instructions,
  ctx: UnpackContext,
) => T | Promise<T>;

/**
 * What {@link definePackager} takes: the `@Packager` options plus the functions themselves.
 */
export interface PackagerDefinitionSpec<T = unknown> extends PackagerOptions<T> {
  /** Pack functions by artifact type, each alone or with the class of its packing options. */
  readonly pack?: Readonly<
    Record<
      string,
      | PackFunction<T>
      | { readonly pack: PackFunction<T>; readonly options?: ConcreteConstructor<object> }
    >
  >;
  /** Unpack functions by artifact type. */
  readonly unpack?: Readonly<Record<string, UnpackFunction<T>>>;
  /** Builds the type from a list or dict of unpacked items (with `bundleFromList`/`bundleFromDict`). */
  readonly bundle?: (this: DefinedPackager, collection: unknown, from: 'list' | 'dict') => T;
  /** Splits a value into a list or dict of items, for a `*key` hint. */
  readonly unbundle?: (this: DefinedPackager, value: T) => unknown;
}

/** An instance of a class made by {@link definePackager}. */
export interface DefinedPackager {
  /** The services listed in `inject`, in order (empty without `inject`). */
  readonly services: readonly unknown[];
}

const ROLE_FIELDS = ['pack', 'unpack', 'bundle', 'unbundle'] as const;

function fail(what: string, fix: string): never {
  throw new DefinitionError(what, { code: 'DEFINITION_INVALID', fix });
}

function splitSpec<S extends PackagerOptions>(
  spec: S,
  api: string,
): [PackagerOptions, Pick<S, Extract<keyof S, (typeof ROLE_FIELDS)[number]>>] {
  if (typeof spec !== 'object' || spec === null) {
    fail(
      `${api} got ${spec === null ? 'null' : typeof spec} instead of the packager's fields.`,
      `Pass an object: ${api.replace('()', '')}({ type: MyClass, pack: { … } }).`,
    );
  }
  const options: Record<string, unknown> = {};
  const roles: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(spec)) {
    if ((ROLE_FIELDS as readonly string[]).includes(field)) roles[field] = value;
    else options[field] = value;
  }
  return [options as unknown as PackagerOptions, roles as never];
}

function descriptorIn(prototype: object, name: string | symbol): PropertyDescriptor | undefined {
  for (
    let p: object | null = prototype;
    p !== null;
    p = Object.getPrototypeOf(p) as object | null
  ) {
    const found = Object.getOwnPropertyDescriptor(p, name);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Registers an existing class as a packager without decorators: the same records, checks,
 * ranking, option validation, `explain` output and errors as `@Packager`, `@Pack`, `@Unpack`,
 * `@Bundle` and `@Unbundle`, and the class joins the import-time catalog.
 *
 * @remarks
 * For plain JavaScript and for toolchains without decorators. Packing-options classes are
 * declared with {@link defineOptions}. `inject` lists the constructor's services.
 *
 * @example
 * ```js
 * class PointPackager {
 *   packFile(point, key, options) { … }
 *   unpackFile(item) { … }
 * }
 * registerPackager(PointPackager, {
 *   type: Point,
 *   priority: 2,
 *   pack: { file: { method: 'packFile', options: PointFileOptions } },
 *   unpack: { file: 'unpackFile' },
 * });
 * ```
 * @returns the class itself.
 * @throws DefinitionError with the codes `@Packager`, `@Pack` and `@Unpack` throw (a named
 * method that does not exist is `DEFINITION_NOT_A_METHOD`).
 */
export function registerPackager<C extends ConcreteConstructor, T = unknown>(
  cls: C,
  spec: PackagerRegistration<T>,
): C {
  if (typeof cls !== 'function') {
    fail(
      `registerPackager() got ${cls === null ? 'null' : typeof cls} instead of a class.`,
      'Pass the packager class first: registerPackager(MyPackager, { type: MyClass }).',
    );
  }
  const [options, roles] = splitSpec(spec as PackagerRegistration, 'registerPackager()');
  const prototype = cls.prototype as object;
  for (const [artifactType, ref] of Object.entries(roles.pack ?? {})) {
    const { method, options: optionsClass } =
      typeof ref === 'object' && ref !== null ? ref : { method: ref, options: undefined };
    applyPack(
      prototype,
      method,
      descriptorIn(prototype, method),
      artifactType,
      optionsClass === undefined ? {} : { options: optionsClass },
      'function',
    );
  }
  for (const [artifactType, method] of Object.entries(roles.unpack ?? {})) {
    addMethodRecord(
      UNPACK_METHODS,
      '@Unpack',
      prototype,
      { artifactType, method, mode: 'function' },
      descriptorIn(prototype, method),
    );
  }
  if (roles.bundle !== undefined)
    setRoleMethod(
      BUNDLE_METHOD,
      '@Bundle',
      prototype,
      roles.bundle,
      descriptorIn(prototype, roles.bundle),
    );
  if (roles.unbundle !== undefined)
    setRoleMethod(
      UNBUNDLE_METHOD,
      '@Unbundle',
      prototype,
      roles.unbundle,
      descriptorIn(prototype, roles.unbundle),
    );
  applyPackager(cls, options, false, 'function');
  return cls;
}

/**
 * Defines a packager from an object of functions, without a class or decorators: it becomes a
 * class named `spec.name` (default `<Type>Packager`) registered as by {@link registerPackager}.
 *
 * @remarks
 * The functions are its methods (`pack:<type>`, `unpack:<type>`, `bundle`, `unbundle`), called
 * with `this` the instance, whose `services` holds the `inject`ed services.
 *
 * @example
 * ```js
 * const PointPackager = definePackager({
 *   type: Point,
 *   priority: 2,
 *   pack: { file: { options: PointFileOptions, pack: (point, key, options) => ({ artifact: … }) } },
 *   unpack: { file: async (item) => Point.parse(await item.text()) },
 * });
 * ```
 * @returns the packager class made.
 * @throws DefinitionError as {@link registerPackager}; `DEFINITION_INVALID` when a function is not one.
 */
export function definePackager<T>(
  spec: PackagerDefinitionSpec<T>,
): ConcreteConstructor<DefinedPackager> {
  const [options, roles] = splitSpec(spec as PackagerDefinitionSpec, 'definePackager()');
  const typeName = typeof options.type === 'function' ? options.type.name : '';
  const className =
    typeof options.name === 'string' && options.name !== '' ? options.name : `${typeName}Packager`;
  const made = {
    [className]: class {
      readonly services: readonly unknown[];
      constructor(...services: unknown[]) {
        this.services = Object.freeze(services);
      }
    },
  }[className] as ConcreteConstructor<DefinedPackager>;
  const proto = made.prototype as Record<string, unknown>;
  const method = (name: string, fn: unknown): string => {
    if (typeof fn !== 'function') {
      fail(
        `definePackager() for ${className}: "${name}" is ${fn === null ? 'null' : typeof fn}, not a function.`,
        `Give a function, e.g. pack: { file: (value, key, options, ctx) => ({ artifact }) }.`,
      );
    }
    Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true });
    return name;
  };
  const pack: Record<string, PackMethodRef> = {};
  for (const [artifactType, entry] of Object.entries(roles.pack ?? {})) {
    const fn: unknown =
      typeof entry === 'object' && entry !== null ? (entry as { pack?: unknown }).pack : entry;
    const optionsClass = typeof entry === 'function' ? undefined : entry.options;
    const name = method(`pack:${artifactType}`, fn);
    pack[artifactType] =
      optionsClass === undefined ? name : { method: name, options: optionsClass };
  }
  const unpack: Record<string, string> = {};
  for (const [artifactType, fn] of Object.entries(roles.unpack ?? {}))
    unpack[artifactType] = method(`unpack:${artifactType}`, fn);
  return registerPackager(made, {
    ...options,
    pack,
    unpack,
    ...(roles.bundle === undefined ? {} : { bundle: method('bundle', roles.bundle) }),
    ...(roles.unbundle === undefined ? {} : { unbundle: method('unbundle', roles.unbundle) }),
  });
}

/**
 * Declares the packing options of an options class without `@Option`: the same records and
 * checks. Each property's initial value is its default.
 *
 * @example
 * ```js
 * class PointFileOptions { format = 'csv'; precision = 6; }
 * defineOptions(PointFileOptions, { format: { allowed: ['csv', 'json'] }, precision: {} });
 * ```
 * @returns the class itself.
 * @throws DefinitionError as `@Option` (`DEFINITION_INVALID_OPTION_SPEC`, …).
 */
export function defineOptions<C extends ConcreteConstructor<object>>(
  cls: C,
  options: Readonly<Record<string, OptionSpec>>,
): C {
  if (typeof cls !== 'function' || typeof options !== 'object' || options === null) {
    fail(
      'defineOptions() needs an options class and an object of option specs.',
      "Call defineOptions(MyOptions, { format: { allowed: ['csv', 'json'] } }).",
    );
  }
  for (const [property, spec] of Object.entries(options))
    applyOption(spec ?? {}, cls.prototype as object, property, undefined);
  return cls;
}
