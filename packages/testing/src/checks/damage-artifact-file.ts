import type { Artifact, Store } from '@stowage/core';
import { ArtifactLayout, sealRecord, storedFilePath } from '@stowage/core/internal';

/** A copy of `bytes` with one bit of its middle byte flipped (same size, other content). */
function flipMiddleBit(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  const middle = copy.length >> 1;
  if (copy.length > 0) copy[middle] = (copy[middle] as number) ^ 0x01;
  return copy;
}

/**
 * Damages file `name` (default: the primary file) of a committed artifact the way a bad disk or an
 * attacker would: one bit flipped, same size, wherever its bytes are kept — the version folder, a
 * shared blob, or inside the record (then the record is sealed again, as a rewrite of the whole
 * record would be, so only the file's own sha256 can tell).
 *
 * @remarks
 * For tests that check that damaged artifacts fail with `IntegrityError` and leave nothing behind.
 * Never use it on a store you care about: the change is in place.
 */
export async function damageArtifactFile(
  store: Store,
  artifact: Artifact,
  name: string = artifact.fileName ?? '',
): Promise<void> {
  const inline = artifact.inlineFiles?.[name];
  if (inline === undefined) {
    const path = storedFilePath(artifact, name);
    await store.put(path, flipMiddleBit(await store.get(path)));
    return;
  }
  const path = ArtifactLayout.record(artifact.key, artifact.version ?? '');
  const record = JSON.parse((await store.get(path)).toString('utf8')) as Record<string, unknown>;
  const texts = record['inlineFiles'] as Record<string, string>;
  const damaged = flipMiddleBit(Buffer.from(inline, 'base64')).toString('base64');
  await store.put(path, sealRecord({ ...record, inlineFiles: { ...texts, [name]: damaged } }));
}
