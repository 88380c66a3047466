import { DefinitionError } from '../errors/definition.error';

/** The `Class.member` label used in definition errors. @internal */
export function memberLabel(prototype: object, member: string | symbol): string {
  const owner =
    typeof prototype === 'function'
      ? (prototype as { name: string }).name
      : ((prototype as { constructor?: { name?: string } }).constructor?.name ?? '<anonymous>');
  return `${owner}.${String(member)}`;
}

/**
 * Throws unless a method decorator sits on an instance method.
 * @throws DefinitionError `DEFINITION_NOT_A_METHOD`. @internal
 */
export function checkMethodTarget(
  decorator: string,
  prototype: object,
  method: string | symbol | undefined,
  descriptor: PropertyDescriptor | undefined,
): void {
  if (
    typeof prototype === 'function' ||
    method === undefined ||
    descriptor === undefined ||
    typeof descriptor.value !== 'function'
  ) {
    const member = memberLabel(prototype, method ?? '<class>');
    throw new DefinitionError(`${decorator} is on ${member}, which is not an instance method.`, {
      code: 'DEFINITION_NOT_A_METHOD',
      details: { decorator, member },
      fix: `Put ${decorator} on an instance method (not a property, accessor, static member or class).`,
    });
  }
}
