import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClassRegistration } from './serializable-catalog';

/**
 * The format id written with every object-fallback artifact (`/2` adds the class table, `/3` the
 * acyclic mark, `/4` aligned typed arrays, `/5` URLs, LocalPaths, ill-formed strings and the enumerability of
 * error fields; readers of `/5` read all earlier versions).
 */
export const OBJECT_FORMAT = 'stowage-object/5';

/** What wrote an object-fallback artifact, recorded in its unpacking instructions. */
export interface ObjectRuntimeRecord {
  readonly format: string;
  readonly node: string;
  readonly stowage: string;
  readonly serializer: string;
  readonly serializerVersion: string;
  /** The registered classes in the value, with their defining package's version when known. */
  readonly classes: Readonly<
    Record<string, { readonly package?: string; readonly version?: string }>
  >;
}

function packageVersion(path: string): string {
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

let cached: { stowage: string; cbor: string } | undefined;

/** The versions of `@stowage/core` and cbor-x in this process (read once). @internal */
export function libraryVersions(): { stowage: string; cbor: string } {
  cached ??= {
    stowage: packageVersion(join(__dirname, '..', '..', 'package.json')),
    cbor: packageVersion(require.resolve('cbor-x/package.json')),
  };
  return cached;
}

/** The runtime record for a value holding `classes`. @internal */
export function currentRuntime(classes: Iterable<ClassRegistration>): ObjectRuntimeRecord {
  const versions = libraryVersions();
  const byId: Record<string, { package?: string; version?: string }> = {};
  for (const c of classes) {
    byId[c.id] = {
      ...(c.packageName !== undefined ? { package: c.packageName } : {}),
      ...(c.packageVersion !== undefined ? { version: c.packageVersion } : {}),
    };
  }
  return {
    format: OBJECT_FORMAT,
    node: process.version,
    stowage: versions.stowage,
    serializer: 'cbor-x',
    serializerVersion: versions.cbor,
    classes: byId,
  };
}

/**
 * The differences between the runtime that wrote a value and this one (Node, Stowage,
 * serializer, and the versions of the packages that define its classes), one line each.
 */
export function runtimeDifferences(
  recorded: Partial<ObjectRuntimeRecord>,
  lookup: (id: string) => ClassRegistration | undefined,
): string[] {
  const now = currentRuntime([]);
  const out: string[] = [];
  const compare = (what: string, then: unknown, current: string): void => {
    if (typeof then === 'string' && then !== current) out.push(`${what} ${then} → ${current}`);
  };
  compare('Node', recorded.node, now.node);
  compare('Stowage', recorded.stowage, now.stowage);
  compare(
    String(recorded.serializer ?? 'cbor-x'),
    recorded.serializerVersion,
    now.serializerVersion,
  );
  for (const [id, info] of Object.entries(recorded.classes ?? {})) {
    const here = lookup(id);
    if (
      here?.packageVersion !== undefined &&
      info.version !== undefined &&
      info.version !== here.packageVersion
    ) {
      out.push(
        `${info.package ?? here.packageName ?? id} ${info.version} → ${here.packageVersion} (class "${id}")`,
      );
    }
  }
  return out;
}
