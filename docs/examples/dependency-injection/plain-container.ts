// No container at all: packagers without dependencies are built with `new`.
import { Artifact, MemoryStore, Pack, Packager, PackagersManager } from '@stowage/core';
import type { ContainerLike, PackedOutput, PackOutput } from '@stowage/core';

export class Note {
  constructor(readonly text: string) {}
}

@Packager({ type: Note, name: 'notes.NotePackager' })
export class NotePackager {
  @Pack('file')
  packFile(note: Note, key: string): PackOutput {
    return { artifact: new Artifact({ key, body: Buffer.from(note.text) }) };
  }
}

/** Packs a note through a manager whose container is a plain object. */
export async function main(): Promise<PackedOutput> {
  // #region plain
  const plain: ContainerLike = { get: (cls) => new (cls as new () => never)() };
  // #endregion
  const manager = new PackagersManager({
    store: new MemoryStore(),
    packagers: [NotePackager],
    container: plain,
  });
  return manager.pack(new Note('hello'), 'note : file');
}
