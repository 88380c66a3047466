import type { Readable } from 'node:stream';
import type { Artifact } from '@stowage/core';
import { storedFilePath } from '@stowage/core/internal';
import { findExport, findExports } from './load';

/** Why a Stowage subject cannot be measured (yet). */
export interface Missing {
  readonly missing: string;
}

/** Packs numbers as results; what the dispatch cases time. */
export interface ResultPacker {
  readonly pack: (value: number, key: string) => Promise<unknown>;
  readonly notes: readonly string[];
}

/** Packs and unpacks artifacts through one store, the way a job would. */
export interface StowagePacker {
  readonly url: string;
  readonly notes: readonly string[];
  /** Packs a value with its default artifact type; returns what `unpack`/`remove` take. */
  pack(value: unknown, key: string): Promise<unknown>;
  /** Packs a plain object as a JSON `file` artifact. */
  packJson(value: Record<string, unknown>, key: string): Promise<unknown>;
  /** Packs a byte stream as a `file` artifact. */
  packStream(stream: Readable, key: string): Promise<unknown>;
  unpack(ref: unknown, typeHint: Function): Promise<unknown>;
  /** Deletes what `pack` stored (untimed cleanup between repetitions). */
  remove(ref: unknown): Promise<void>;
  close(): Promise<void>;
}

/** The object fallback serializer with classes registered. */
export interface FallbackCodec {
  readonly encode: (value: unknown) => Uint8Array;
  readonly decode: (bytes: Uint8Array) => unknown;
  readonly notes: readonly string[];
}

/** Generated packager classes, each for its own dummy type. */
export interface DummyPackagers {
  readonly classes: readonly Function[];
}

/** The slice of `PackagersManager` the bench drives. */
interface ManagerLike {
  readonly repository: { open(uri: string): Promise<unknown> } | undefined;
  pack(
    value: unknown,
    hint: unknown,
  ): Promise<{ kind: string; value?: unknown; artifact?: ArtifactLike }>;
  unpack(item: unknown, typeHint?: Function): Promise<unknown>;
  cleanup(): Promise<void>;
}
type ManagerClass = new (options: Record<string, unknown>) => ManagerLike;

interface ArtifactLike {
  readonly key: string;
  readonly uri?: string;
}

interface StoreLike {
  readonly url: string;
  list(prefix: string): AsyncIterable<{ readonly path: string }>;
  delete(path: string): Promise<void>;
  close?(): Promise<void>;
}

/** A warning sink that keeps the first few warnings as notes (a clean run has none). */
function warningNotes(notes: string[]): { warn(message: string): void } {
  let count = 0;
  return {
    warn(message: string): void {
      count += 1;
      if (count <= 3) notes.push(`warning from Stowage: ${message.split('\n')[0]}`);
    },
  };
}

/** The manager class and the builtin packagers, or why they are missing. */
function managerParts(notes: string[]): { Manager: ManagerClass; builtins: Function[] } | Missing {
  const manager = findExport<ManagerClass>(
    '@stowage/core',
    'PackagersManager',
    'manager/packagers-manager',
  );
  if ('missing' in manager) return manager;
  if (manager.note !== undefined) notes.push(manager.note);
  const builtins = findExport<Function[]>(
    '@stowage/core',
    'BUILTIN_PACKAGERS',
    'packagers/builtin/index',
  );
  if ('missing' in builtins)
    return { missing: `the builtin packagers are missing (${builtins.missing})` };
  if (builtins.note !== undefined) notes.push(builtins.note);
  return { Manager: manager.value, builtins: [...builtins.value] };
}

/** A manager over a memory store, with the builtins and `packagers`, packing numbers as results. */
export async function resultPacker(
  packagers: readonly Function[] = [],
): Promise<ResultPacker | Missing> {
  const notes: string[] = [];
  const parts = managerParts(notes);
  if ('missing' in parts) return parts;
  const MemoryStore = findExport<new () => StoreLike>(
    '@stowage/core',
    'MemoryStore',
    'stores/memory.store',
  );
  if ('missing' in MemoryStore) return MemoryStore;
  const manager = new parts.Manager({
    store: new MemoryStore.value(),
    packagers: [...parts.builtins, ...packagers],
    warnings: warningNotes(notes),
  });
  const probe = await manager.pack(1.5, 'probe');
  if (probe.kind !== 'result' || probe.value !== 1.5) {
    throw new Error(
      `packing 1.5 gave ${JSON.stringify(probe.kind)} ${String(probe.value)}, not a result`,
    );
  }
  return { pack: (value, key) => manager.pack(value, key), notes };
}

/**
 * `count` packager classes made at run time, each `@Packager` for its own dummy class with a
 * `@Pack('result')` method, decorated by calling the decorators as functions.
 */
export function dummyPackagers(count: number, prefix: string): DummyPackagers | Missing {
  const found = findExports('@stowage/core', ['Packager', 'Pack']);
  if ('missing' in found) return found;
  const Packager = found.exports['Packager'] as (options: object) => ClassDecorator;
  const Pack = found.exports['Pack'] as (artifactType: string) => MethodDecorator;
  const classes: Function[] = [];
  for (let i = 0; i < count; i += 1) {
    const typeName = `${prefix}Dummy${i}`;
    const type = { [typeName]: class {} }[typeName]!;
    const packagerName = `${prefix}DummyPackager${i}`;
    const packager = {
      [packagerName]: class {
        pack(value: unknown): { result: unknown } {
          return { result: String(value) };
        }
      },
    }[packagerName]!;
    const descriptor = Object.getOwnPropertyDescriptor(packager.prototype, 'pack');
    Pack('result')(packager.prototype, 'pack', descriptor!);
    Packager({ type, name: packagerName })(packager);
    classes.push(packager);
  }
  return { classes };
}

/** A packer over a `LocalStore` rooted at `root` (full durability: fsync on). */
export async function localPacker(root: string): Promise<StowagePacker | Missing> {
  const LocalStore = findExport<new (options: { root: string }) => StoreLike>(
    '@stowage/core',
    'LocalStore',
    'stores/local.store',
  );
  if ('missing' in LocalStore) return LocalStore;
  return packerOn(new LocalStore.value({ root }));
}

/** What an `S3Store` and a bare SDK client are built from in the bench: one fresh bucket. */
export interface S3Connection {
  readonly endpoint: string;
  readonly region: string;
  readonly forcePathStyle: boolean;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly bucket: string;
}

/** The test server's connection (`S3_ACCESS_KEY_ID`/`S3_SECRET_ACCESS_KEY` or its defaults). */
export function s3Connection(endpoint: string): S3Connection {
  return {
    endpoint,
    region: process.env['S3_REGION'] ?? 'us-east-1',
    forcePathStyle: true,
    credentials: {
      accessKeyId: process.env['S3_ACCESS_KEY_ID'] ?? 'test:tester',
      secretAccessKey: process.env['S3_SECRET_ACCESS_KEY'] ?? 'testing',
    },
    bucket: `stowage-bench-${process.pid}-${Date.now().toString(36)}`,
  };
}

/** A packer over an `S3Store` at `endpoint`, in a fresh bucket deleted by `close()`. */
export async function s3Packer(
  endpoint: string,
  connection: S3Connection = s3Connection(endpoint),
): Promise<StowagePacker | Missing> {
  const found = findExports('@stowage/s3', ['S3Store', 'ensureBucket', 'deleteBucket']);
  if ('missing' in found) return found;
  const S3Store = found.exports['S3Store'] as new (options: object) => StoreLike;
  const ensureBucket = found.exports['ensureBucket'] as (options: object) => Promise<boolean>;
  const deleteBucket = found.exports['deleteBucket'] as (options: object) => Promise<void>;
  await ensureBucket(connection);
  const packer = packerOn(new S3Store(connection), () => deleteBucket(connection));
  if ('missing' in packer) await deleteBucket(connection);
  return packer;
}

/** Drives a manager over `store`: the same code path for every store; `teardown` runs at close. */
function packerOn(
  store: StoreLike,
  teardown: () => Promise<void> = async () => undefined,
): StowagePacker | Missing {
  const notes: string[] = [];
  const parts = managerParts(notes);
  if ('missing' in parts) return parts;
  const manager = new parts.Manager({
    store,
    warnings: warningNotes(notes),
    packagers: parts.builtins,
  });
  const repository = manager.repository;
  if (repository === undefined)
    return { missing: 'PackagersManager has no repository for its store' };
  const artifactOf = async (pending: ReturnType<ManagerLike['pack']>): Promise<ArtifactLike> => {
    const out = await pending;
    if (out.artifact === undefined) throw new Error(`expected an artifact, got a ${out.kind}`);
    return out.artifact;
  };
  return {
    url: store.url,
    notes,
    pack: (value, key) => artifactOf(manager.pack(value, key)),
    packJson: (value, key) =>
      artifactOf(manager.pack(value, { key, artifactType: 'file', options: { format: 'json' } })),
    packStream: (stream, key) => artifactOf(manager.pack(stream, { key, artifactType: 'file' })),
    async unpack(ref, typeHint) {
      const artifact = ref as ArtifactLike;
      const item = await repository.open(artifact.uri ?? `store://${artifact.key}`);
      return manager.unpack(item, typeHint);
    },
    async remove(ref) {
      const prefix = `artifacts/${(ref as ArtifactLike).key}/`;
      const paths: string[] = [];
      for await (const object of store.list(prefix)) paths.push(object.path);
      // Its big files live outside the key's folder, as shared blobs: remove those too, so the
      // next repetition writes its bytes anew (as the baselines do) and nothing piles up.
      const artifact = ref as Artifact;
      for (const name of [artifact.fileName, ...(artifact.fileRecords ?? []).map((f) => f.name)]) {
        const path = name === undefined ? undefined : storedFilePath(artifact, name);
        if (path?.startsWith('blobs/') === true && !paths.includes(path)) paths.push(path);
      }
      for (const path of paths) await store.delete(path);
    },
    async close() {
      try {
        await manager.cleanup();
        await store.close?.();
      } finally {
        await teardown();
      }
    },
  };
}

/** The object fallback codec with `classes` registered under `bench.<class name>`. */
export function fallbackCodec(classes: readonly Function[]): FallbackCodec | Missing {
  const notes: string[] = [];
  const Serializer = findExport<new (options: object) => SerializerLike>(
    '@stowage/core',
    'ObjectSerializer',
    'serialization/object-serializer',
  );
  if ('missing' in Serializer) return Serializer;
  const Registry = findExport<new () => RegistryLike>(
    '@stowage/core',
    'ClassRegistry',
    'serialization/class-registry',
  );
  if ('missing' in Registry) return Registry;
  for (const note of [Serializer.note, Registry.note]) if (note !== undefined) notes.push(note);
  const registry = new Registry.value();
  for (const cls of classes) registry.registerClass(cls, `bench.${cls.name}`);
  const sink = warningNotes(notes);
  const serializer = new Serializer.value({ registry, warn: (m: string) => sink.warn(m) });
  return {
    encode: (value) => serializer.encode(value).bytes,
    decode: (bytes) => serializer.decode(bytes),
    notes,
  };
}

interface SerializerLike {
  encode(value: unknown): { readonly bytes: Uint8Array };
  decode(bytes: Uint8Array): unknown;
}

interface RegistryLike {
  registerClass(cls: Function, id: string): unknown;
}

/** The S3 endpoint (`S3_ENDPOINT`, default loopback :18080) when its healthcheck answers. */
export async function s3Endpoint(): Promise<string | Missing> {
  const endpoint = process.env['S3_ENDPOINT'] ?? 'http://127.0.0.1:18080';
  try {
    const response = await fetch(`${endpoint}/healthcheck`, { signal: AbortSignal.timeout(2000) });
    if (response.ok) return endpoint;
    return {
      missing: `S3 server at ${endpoint} answered ${response.status} (start it: scripts/s3-server.sh start)`,
    };
  } catch {
    return {
      missing: `S3 server at ${endpoint} is unreachable (start it: scripts/s3-server.sh start)`,
    };
  }
}
