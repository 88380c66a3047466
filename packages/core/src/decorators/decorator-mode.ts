import { DefinitionError } from '../errors/definition.error';
import type { ErrorCode } from '../errors/error-codes';
import {
  addPendingStep,
  isStandardContext,
  type PendingStep,
  type StandardContext,
} from '../metadata/standard-metadata';

/**
 * How a packager, a method record or a handler was declared: `legacy` decorators
 * (`experimentalDecorators`), `standard` (TC39) decorators, or the decorator-free `function` API
 * (`definePackager`, `registerPackager`, `defineOptions`).
 */
export type DeclarationMode = 'legacy' | 'standard' | 'function';

/** A readable label of a {@link DeclarationMode}, as `explain` and `stowage packagers` print it. */
export function declarationModeLabel(mode: DeclarationMode): string {
  return mode === 'legacy'
    ? 'legacy decorators'
    : mode === 'standard'
      ? 'standard decorators'
      : 'definePackager/registerPackager';
}

export { isStandardContext, type StandardContext };

const KIND_WORDS: Readonly<Record<StandardContext['kind'], string>> = {
  class: 'the class',
  method: 'the method',
  getter: 'the getter',
  setter: 'the setter',
  field: 'the field',
  accessor: 'the accessor',
};

/** `the static method packFile` / `the field header`, for messages. @internal */
export function standardMemberLabel(context: StandardContext): string {
  const prefix = `${context.static === true ? 'static ' : ''}${context.private === true ? 'private ' : ''}`;
  const word = KIND_WORDS[context.kind];
  const [article, noun] = word.split(' ') as [string, string];
  const name = context.name === undefined ? '' : ` ${String(context.name)}`;
  return `${article} ${prefix}${noun}${name}`;
}

/**
 * The metadata object of a standard decorator's class.
 * @throws DefinitionError `DEFINITION_NO_DECORATOR_METADATA` when the toolchain passes no
 * `context.metadata` (TypeScript 5.0/5.1). @internal
 */
export function standardMetadata(
  decorator: string,
  context: StandardContext,
): Record<PropertyKey, unknown> {
  const metadata = context.metadata;
  if (typeof metadata === 'object' && metadata !== null) return metadata;
  throw new DefinitionError(
    `${decorator} is on ${standardMemberLabel(context)} (standard decorators), but the compiler passed no context.metadata, so Stowage cannot collect the class's records.`,
    {
      code: 'DEFINITION_NO_DECORATOR_METADATA',
      details: { decorator, member: String(context.name) },
      fix: 'Compile with TypeScript 5.2 or newer (or another toolchain that passes context.metadata), or turn on "experimentalDecorators", or declare the packager with definePackager()/registerPackager().',
    },
  );
}

/**
 * Checks that a standard method decorator sits on a public instance method and queues `step`
 * (the legacy decorator's work) for when the class is known.
 * @throws DefinitionError `DEFINITION_NOT_A_METHOD` naming the member kind. @internal
 */
export function queueStandardMethod(
  decorator: string,
  value: unknown,
  context: StandardContext,
  step: PendingStep,
  code: ErrorCode = 'DEFINITION_NOT_A_METHOD',
): void {
  checkStandardMethod(decorator, value, context, code);
  addPendingStep(standardMetadata(decorator, context), step);
}

/**
 * Throws unless a standard decorator is on a public instance method.
 * @throws DefinitionError (or the handler error for `HANDLER_*` codes). @internal
 */
export function checkStandardMethod(
  decorator: string,
  value: unknown,
  context: StandardContext,
  code: ErrorCode = 'DEFINITION_NOT_A_METHOD',
): void {
  if (
    context.kind === 'method' &&
    context.static !== true &&
    context.private !== true &&
    typeof value === 'function'
  )
    return;
  throw new DefinitionError(
    `${decorator} is on ${standardMemberLabel(context)}, which is not a public instance method.`,
    {
      code,
      details: { decorator, member: String(context.name), kind: context.kind },
      fix: `Put ${decorator} on a public instance method (not a field, accessor, static, #private member or class).`,
    },
  );
}

/** The own descriptor of a method once its class exists (what a legacy decorator receives). @internal */
export function descriptorOf(
  cls: Function,
  name: string | symbol | undefined,
): PropertyDescriptor | undefined {
  return name === undefined
    ? undefined
    : Object.getOwnPropertyDescriptor(cls.prototype as object, name);
}

/**
 * A method decorator that works in both modes: legacy `(prototype, key, descriptor)` and standard
 * `(method, context)`.
 */
export interface StowageMethodDecorator {
  (prototype: object, method: string | symbol, descriptor?: PropertyDescriptor): void;
  (method: Function, context: ClassMethodDecoratorContext): void;
}

/** A class decorator that works in both modes: legacy `(class)` and standard `(class, context)`. */
export interface StowageClassDecorator {
  <F extends Function>(target: F): void;
  <F extends Function>(target: F, context: ClassDecoratorContext): void;
}
