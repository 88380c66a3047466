import { createHash } from 'node:crypto';
import { filledChunks, isLateChunks } from '../late-chunks';
import { isBufferBody, isVectoredBody } from '../stores/body';
import type { Body, PutResult } from '../stores/store';
import type { Artifact } from './artifact';

/**
 * In-memory files of one artifact, up to this many bytes in all, are kept inside its record
 * (base64, in `inlineFiles`) instead of as objects of their own.
 *
 * @remarks
 * A 1 KB file written as an object of its own costs a folder, a temporary file, a rename and two
 * flushes on a local store, and one request on S3: more than the record it sits beside. Inside the
 * record it costs a third more bytes (base64) and nothing else: the record is written and flushed
 * anyway. 8 KiB keeps records small enough that list pages, which read many records, stay fast.
 */
export const INLINE_MAX_BYTES = 8 * 1024;

/** The record schema version that introduced `inlineFiles` (older readers refuse such records). */
export const INLINE_SCHEMA_VERSION = 4;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The bytes of an in-memory body joined in one buffer, or `undefined` for streams and files. */
async function inMemoryBytes(body: Body): Promise<Buffer | undefined> {
  if (isBufferBody(body)) return Buffer.from(body);
  if (isVectoredBody(body)) return Buffer.concat(body);
  if (isLateChunks(body)) return Buffer.concat(await filledChunks(body));
  return undefined;
}

/** Bytes of an in-memory body without copying, or `undefined` for streams and files. */
function sizeOf(body: Body): number | undefined {
  if (isBufferBody(body)) return body.byteLength;
  if (isVectoredBody(body)) return body.reduce((n, b) => n + b.byteLength, 0);
  if (isLateChunks(body)) return body.chunks.reduce((n, b) => n + b.byteLength, 0);
  return undefined;
}

/** Files chosen to live inside the record: their base64 text and what a put would have returned. */
export interface InlinedFiles {
  /** File name → base64 of its bytes, in the order of the writes. */
  readonly texts: Record<string, string>;
  /** File name → size and sha256 of its bytes. */
  readonly results: ReadonlyMap<string, PutResult>;
}

/**
 * Chooses which of a version's files go inside its record: in-memory bodies, in the order given,
 * while their total stays within `maxBytes`; the bytes are copied at once, so a caller who changes
 * a buffer after the call returns changes nothing that was logged.
 */
export async function inlineFiles(
  writes: readonly (readonly [string, Body])[],
  maxBytes: number,
): Promise<InlinedFiles> {
  const texts: Record<string, string> = {};
  const results = new Map<string, PutResult>();
  let left = maxBytes;
  for (const [name, body] of writes) {
    const size = sizeOf(body);
    if (size === undefined || size > left) continue;
    const bytes = await inMemoryBytes(body);
    if (bytes === undefined || bytes.byteLength > left) continue;
    left -= bytes.byteLength;
    texts[name] = bytes.toString('base64');
    results.set(name, {
      size: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  }
  return { texts, results };
}

/** Whether the bytes of file `name` of `artifact` are kept inside its record. */
export function isInlineFile(artifact: Artifact, name: string): boolean {
  return artifact.inlineFiles !== undefined && Object.hasOwn(artifact.inlineFiles, name);
}

/**
 * The bytes of file `name` kept inside the record, or `undefined` when they are stored apart.
 * Not checked here: readers check them against the recorded size and sha256, as any other bytes.
 */
export function inlineBytes(artifact: Artifact, name: string): Buffer | undefined {
  if (!isInlineFile(artifact, name)) return undefined;
  return Buffer.from((artifact.inlineFiles as Record<string, string>)[name] as string, 'base64');
}

/** Why a record's `inlineFiles` is impossible, or `undefined` (absent is fine). @internal */
export function inlineFilesProblem(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return '"inlineFiles" is not an object';
  for (const [name, text] of Object.entries(value)) {
    if (name === '') return '"inlineFiles" names a file ""';
    if (typeof text !== 'string' || text.length % 4 !== 0 || !BASE64.test(text))
      return `"inlineFiles.${name.slice(0, 40)}" is not base64`;
  }
  return undefined;
}
