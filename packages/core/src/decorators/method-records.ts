import { ARTIFACT_TYPE_PATTERN } from '../artifacts/artifact-type';
import { DefinitionError } from '../errors/definition.error';
import { readOwnMetadata, writeMetadata } from '../metadata/metadata-store';
import { checkMethodTarget, memberLabel } from './method-target';
import type { MethodRecord } from './packager-args';

/** Throws unless `artifactType` is a simple word. @internal */
export function checkArtifactTypeName(
  decorator: string,
  where: string,
  artifactType: unknown,
): void {
  if (typeof artifactType !== 'string' || !ARTIFACT_TYPE_PATTERN.test(artifactType)) {
    throw new DefinitionError(
      `${decorator} on ${where} has an invalid artifact type ${JSON.stringify(artifactType)}.`,
      {
        code: 'DEFINITION_INVALID_ARTIFACT_TYPE',
        details: { decorator, member: where },
        fix: 'Use a word of letters, digits, "-" or "_" starting with a letter, e.g. "file".',
      },
    );
  }
}

/**
 * Checks a method decorator's target and adds `record` to the class's own list.
 * @throws DefinitionError when the target is not a method, the artifact type is not a word, or
 * the class already has a method for that artifact type. @internal
 */
export function addMethodRecord(
  key: symbol,
  decorator: string,
  prototype: object,
  record: MethodRecord,
  descriptor: PropertyDescriptor | undefined,
): void {
  checkMethodTarget(decorator, prototype, record.method, descriptor);
  const where = memberLabel(prototype, record.method);
  checkArtifactTypeName(decorator, where, record.artifactType);
  const target = prototype.constructor;
  const own = readOwnMetadata<readonly MethodRecord[]>(key, target) ?? [];
  const clash = own.find((r) => r.artifactType === record.artifactType);
  if (clash !== undefined) {
    const methods = [String(clash.method), String(record.method)];
    throw new DefinitionError(
      `${target.name} has two ${decorator}("${record.artifactType}") methods: ${methods.join(' and ')}.`,
      {
        code: 'DEFINITION_DUPLICATE_METHOD',
        details: { decorator, artifactType: record.artifactType, methods },
        fix: `Keep one ${decorator}("${record.artifactType}") method per class (a subclass may override it).`,
      },
    );
  }
  writeMetadata(key, [...own, record], target);
}

/**
 * Records the single method of a class that plays `decorator`'s role (`@Bundle`, `@Unbundle`).
 * @throws DefinitionError when the target is not a method or the class already has one. @internal
 */
export function setRoleMethod(
  key: symbol,
  decorator: string,
  prototype: object,
  method: string | symbol,
  descriptor: PropertyDescriptor | undefined,
): void {
  checkMethodTarget(decorator, prototype, method, descriptor);
  const target = prototype.constructor;
  const existing = readOwnMetadata<string | symbol>(key, target);
  if (existing !== undefined) {
    const methods = [String(existing), String(method)];
    throw new DefinitionError(
      `${target.name} has two ${decorator} methods: ${methods.join(' and ')}.`,
      {
        code: 'DEFINITION_DUPLICATE_METHOD',
        details: { decorator, methods },
        fix: `Keep one ${decorator} method per class (a subclass may override it).`,
      },
    );
  }
  writeMetadata(key, method, target);
}
