import type { Readable } from 'node:stream';
import { findExports } from './load';

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

/** A manager over a memory store, with the builtins and `packagers`, packing numbers as results. */
export async function resultPacker(packagers: readonly Function[] = []): Promise<ResultPacker | Missing> {
  const found = findExports('@stowage/core', ['PackagersManager', 'MemoryStore']);
  if ('missing' in found) return found;
  void packagers;
  return { missing: 'the bench adapter does not drive PackagersManager yet' };
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

/** A packer over a {@link LocalStore} rooted at `root` (full durability: fsync on). */
export async function localPacker(root: string): Promise<StowagePacker | Missing> {
  const found = findExports('@stowage/core', ['PackagersManager', 'LocalStore']);
  if ('missing' in found) return found;
  void root;
  return { missing: 'the bench adapter does not drive PackagersManager yet' };
}

/** A packer over an `S3Store` at `endpoint` (bucket created when missing). */
export async function s3Packer(endpoint: string): Promise<StowagePacker | Missing> {
  const found = findExports('@stowage/s3', ['S3Store']);
  if ('missing' in found) return found;
  void endpoint;
  return { missing: 'the bench adapter does not drive S3Store yet' };
}

/** The object fallback codec with `classes` registered under their names. */
export function fallbackCodec(classes: readonly Function[]): FallbackCodec | Missing {
  const found = findExports('@stowage/core', ['ObjectSerializer']);
  if ('missing' in found) return found;
  void classes;
  return { missing: 'the bench adapter does not drive the fallback serializer yet' };
}

/** The S3 endpoint (`S3_ENDPOINT`, default loopback :18080) when its healthcheck answers. */
export async function s3Endpoint(): Promise<string | Missing> {
  const endpoint = process.env['S3_ENDPOINT'] ?? 'http://127.0.0.1:18080';
  try {
    const response = await fetch(`${endpoint}/healthcheck`, { signal: AbortSignal.timeout(2000) });
    if (response.ok) return endpoint;
    return { missing: `S3 server at ${endpoint} answered ${response.status} (start it: scripts/s3-server.sh start)` };
  } catch {
    return { missing: `S3 server at ${endpoint} is unreachable (start it: scripts/s3-server.sh start)` };
  }
}
