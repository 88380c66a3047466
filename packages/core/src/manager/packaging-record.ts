import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PackagingRecord, RuntimeRecord } from '../artifacts/artifact';
import { SERIALIZABLE_ID } from '../metadata/metadata-keys';
import { readOwnMetadata } from '../metadata/metadata-store';
import type { PackagerDefinition } from '../registry/packager-definition';
import type { Instructions } from '../types';

/** The version of `@stowage/core` (from its package.json), or `'unknown'`. @internal */
export function readStowageVersion(): string {
  try {
    const text = readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8');
    const version = (JSON.parse(text) as { version?: unknown }).version;
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * The stable name of a value's type stored as `objectType`: the id a class was registered under
 * for the object fallback (`@Serializable`), else the constructor name; `null`, `undefined` and
 * primitives by their `typeof`. @internal
 */
export function objectTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object' && typeof value !== 'function') return typeof value;
  const proto = Object.getPrototypeOf(value) as { constructor?: unknown } | null;
  const ctor = proto?.constructor;
  if (typeof ctor !== 'function') return 'Object';
  const id = readOwnMetadata<string>(SERIALIZABLE_ID, ctor);
  return typeof id === 'string' ? id : ctor.name || 'Object';
}

/** Builds the packaging record stored with an artifact. @internal */
export function packagingRecord(
  definition: PackagerDefinition,
  value: unknown,
  artifactType: string,
  instructions: Instructions | undefined,
  stowageVersion: string,
): PackagingRecord {
  const runtime: RuntimeRecord = {
    node: process.version,
    stowage: stowageVersion,
    packages: definition.packageVersions,
  };
  return Object.freeze({
    packager: definition.name,
    objectType: objectTypeName(value),
    artifactType,
    instructions: Object.freeze({ ...(instructions ?? {}) }),
    runtime: Object.freeze(runtime),
  });
}
