import { DefinitionError } from '../errors/definition.error';

/** Throws unless a method decorator sits on an instance method. @internal */
export function checkMethodTarget(
  decorator: string,
  prototype: object,
  method: string | symbol,
  descriptor: PropertyDescriptor | undefined,
): void {
  const owner = typeof prototype === 'function' ? (prototype as { name: string }).name : (prototype.constructor as { name: string }).name;
  if (typeof prototype === 'function' || descriptor === undefined || typeof descriptor.value !== 'function') {
    throw new DefinitionError(`${decorator} is on ${owner}.${String(method)}, which is not an instance method.`, {
      code: 'DEFINITION_NOT_A_METHOD',
      details: { decorator, member: `${owner}.${String(method)}` },
      fix: `Put ${decorator} on an instance method.`,
    });
  }
}
