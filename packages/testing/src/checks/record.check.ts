import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { encodeTaggedJson, inlineBytes, storedFilePath } from '@stowage/core/internal';
import type { Artifact, PackedOutput } from '@stowage/core';
import { ConformanceError } from './conformance.error';
import { findNonJson } from './json-safe';
import { definitionOf, describeCase, managerFor, packCase, show, type PackCase } from './pack-case';
import { withTempSandbox } from './temp-sandbox';
import type { TestManager } from '../test-manager';

const CHECK = 'record';

/**
 * Packs the case and checks what was recorded: the packager under test did the packing, as the
 * artifact type asked for; an artifact's packaging record names the packager, the value's type,
 * the artifact type and JSON-safe instructions, and reads back identical from the store; its size
 * and sha256 match the stored bytes; a result is JSON-safe.
 *
 * @throws ConformanceError describing the first problem found.
 */
export async function checkRecord<T>(c: PackCase<T>): Promise<PackedOutput> {
  const { value } = await withTempSandbox(async () => {
    const t = managerFor(c);
    try {
      const out = await packCase(t, c, CHECK);
      await inspectOutput(t, c, out);
      return out;
    } finally {
      await t.dispose();
    }
  });
  return value;
}

async function inspectOutput<T>(t: TestManager, c: PackCase<T>, out: PackedOutput): Promise<void> {
  const where = describeCase(c);
  const fail = (what: string, fix: string): never => {
    throw new ConformanceError(CHECK, `${where}: ${what}`, fix);
  };
  const name = definitionOf(t, c).name;
  if (out.packager !== name) {
    fail(
      `the value was packed by ${out.packager}, not by ${name}.`,
      "Check the packager's type, packSubclasses and priority: another packager ranks higher for this value.",
    );
  }
  if (c.artifactType !== undefined && out.artifactType !== c.artifactType) {
    fail(
      `it was packed as "${out.artifactType}" instead of "${c.artifactType}".`,
      'Return the artifact type that was asked for.',
    );
  }
  if (out.kind === 'result') {
    let unheld: string | undefined;
    try {
      encodeTaggedJson(out.value, 'result');
    } catch (error) {
      unheld = error instanceof Error ? error.message : String(error);
    }
    if (unheld !== undefined)
      fail(
        `the run record cannot hold the result: ${unheld}`,
        'Return only values a result holds (docs/runs.md, "Results") from a result pack method.',
      );
    return;
  }
  await inspectArtifact(t, out.artifact, out.artifactType, name, fail);
}

async function inspectArtifact(
  t: TestManager,
  artifact: Artifact,
  artifactType: string,
  packager: string,
  fail: (what: string, fix: string) => never,
): Promise<void> {
  const p = artifact.packaging;
  if (p === undefined)
    return fail(
      'the artifact has no packaging record.',
      'Return { artifact, instructions } from the pack method.',
    );
  if (p.packager !== packager)
    fail(
      `the record names the packager "${p.packager}", not "${packager}".`,
      'Do not set artifact.packaging yourself.',
    );
  if (p.artifactType !== artifactType)
    fail(
      `the record says "${p.artifactType}" instead of "${artifactType}".`,
      'Do not set artifact.packaging yourself.',
    );
  if (typeof p.objectType !== 'string' || p.objectType === '')
    fail('the record has no objectType.', 'Do not set artifact.packaging yourself.');
  const bad = findNonJson(p.instructions, 'instructions');
  if (bad !== undefined) {
    fail(
      `the unpacking instructions are not JSON-safe: ${bad}.`,
      'Return instructions made only of strings, finite numbers, booleans, null, arrays and plain objects.',
    );
  }
  const stored = (await t.open(artifact.uri ?? '')).meta;
  if (
    stored?.packaging === undefined ||
    !isDeepStrictEqual(stored.packaging.instructions, p.instructions)
  ) {
    fail(
      `the instructions read back from the store (${show(stored?.packaging?.instructions)}) differ from those packed (${show(p.instructions)}).`,
      'Return JSON-safe instructions; the record is stored as JSON.',
    );
  }
  const files: { name: string; size: number | undefined; sha256: string | undefined }[] = [];
  if (artifact.fileName !== undefined)
    files.push({ name: artifact.fileName, size: artifact.size, sha256: artifact.sha256 });
  for (const f of artifact.fileRecords ?? []) files.push(f);
  if (files.length === 0)
    fail('the artifact stored no bytes.', 'Give the artifact a body or files.');
  for (const f of files) {
    const bytes =
      inlineBytes(artifact, f.name) ?? (await t.store.get(storedFilePath(artifact, f.name)));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (bytes.length !== f.size || sha256 !== f.sha256) {
      fail(
        `the file "${f.name}" holds ${bytes.length} bytes with sha256 ${sha256}, but the record says ${String(f.size)} bytes, sha256 ${String(f.sha256)}.`,
        'Do not change a body (buffer or stream) after returning it from the pack method.',
      );
    }
  }
}
