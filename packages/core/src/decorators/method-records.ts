import { DefinitionError } from '../errors/definition.error';
import { readOwnMetadata, writeMetadata } from '../metadata/metadata-store';
import { checkMethodTarget } from './method-target';
import type { MethodRecord } from './packager-args';

/** Checks a method decorator's target and adds `record` to the class's own list. @internal */
export function addMethodRecord(
  key: symbol,
  decorator: string,
  prototype: object,
  record: MethodRecord,
  descriptor: PropertyDescriptor | undefined,
): void {
  const className = (prototype as { constructor?: { name?: string } }).constructor?.name ?? '<anonymous>';
  const where = `${className}.${String(record.method)}`;
  checkMethodTarget(decorator, prototype, record.method, descriptor);
  if (typeof record.artifactType !== 'string' || !/^[a-z][a-z0-9_-]*$/i.test(record.artifactType)) {
    throw new DefinitionError(`${decorator} on ${where} has an invalid artifact type ${JSON.stringify(record.artifactType)}.`, {
      code: 'DEFINITION_INVALID_ARTIFACT_TYPE',
      details: { decorator, member: where },
      fix: 'Use a word of letters, digits, "-" or "_", such as "file" or "dataset".',
    });
  }
  const own = readOwnMetadata<readonly MethodRecord[]>(key, prototype.constructor) ?? [];
  const clash = own.find((r) => r.artifactType === record.artifactType);
  if (clash !== undefined) {
    throw new DefinitionError(
      `${className} has two ${decorator}("${record.artifactType}") methods: ${String(clash.method)} and ${String(record.method)}.`,
      {
        code: 'DEFINITION_DUPLICATE_METHOD',
        details: { decorator, artifactType: record.artifactType, methods: [String(clash.method), String(record.method)] },
        fix: `Keep one ${decorator}("${record.artifactType}") method per class (a subclass may override it).`,
      },
    );
  }
  writeMetadata(key, [...own, record], prototype.constructor);
}
