// Full control: a packager that decides at run time, from the bytes, whether it applies.
import { Artifact, MemoryStore, PackagersManager, Packager } from '@stowage/core';
import type { DataItem, FullControlPackager, PackableType, PackedOutput } from '@stowage/core';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** True when the bytes start with the PNG signature. */
export function isPng(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

// #region full-control
@Packager({ type: Uint8Array, name: 'blobs.MagicBytes', priority: 2 })
export class MagicBytesPackager implements FullControlPackager<Uint8Array> {
  isPackable(value: unknown, artifactType: string | undefined): boolean {
    return isPng(value as Uint8Array) && (artifactType ?? 'plot') === 'plot';
  }
  isUnpackable(typeHint: PackableType | undefined): boolean {
    return typeHint === Uint8Array;
  }
  defaultPackingArtifactType(): string {
    return 'plot';
  }
  defaultUnpackingArtifactType(): string {
    return 'plot';
  }
  pack(value: Uint8Array, key: string) {
    return { artifact: new Artifact({ key, body: value, fileName: 'image.png' }) };
  }
  async unpack(item: DataItem): Promise<Uint8Array> {
    return new Uint8Array(await item.get());
  }
}
// #endregion

/** Packs a PNG (claimed by the packager) and other bytes (left to the builtins). */
export async function main(): Promise<{
  png: PackedOutput;
  other: PackedOutput;
  back: Uint8Array;
}> {
  const manager = new PackagersManager({ store: new MemoryStore() });
  const image = Uint8Array.from([...PNG_SIGNATURE, 1, 2, 3]);
  const png = await manager.pack(image, 'thumbnail');
  const other = await manager.pack(Uint8Array.from([1, 2, 3]), 'raw');
  const uri = png.kind === 'artifact' ? (png.artifact.uri as string) : '';
  const back = await manager.unpack(await manager.repository!.open(uri), Uint8Array);
  return { png, other, back };
}
