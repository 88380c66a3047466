// Getting started, step 1: a type of your own and the packager that stores it.
import { Artifact, Pack, Packager, Unpack } from '@stowage/core';
import type { ArtifactOutput, DataItem } from '@stowage/core';

// #region type
/** A playlist: the value our jobs pass around. Stowage knows nothing about it yet. */
export class Playlist {
  constructor(
    readonly name: string,
    readonly tracks: readonly string[],
  ) {}
}
// #endregion

// #region packager
/** Stores a Playlist as an .m3u text file (one track per line) and reads it back. */
@Packager({
  type: Playlist,
  name: 'getting-started.PlaylistPackager',
  defaultPackingArtifactType: 'file',
})
export class PlaylistPackager {
  @Pack('file')
  packFile(playlist: Playlist, key: string): ArtifactOutput {
    const text = ['#EXTM3U', ...playlist.tracks].join('\n') + '\n';
    const artifact = new Artifact({ key, body: Buffer.from(text), fileName: 'playlist.m3u' });
    return { artifact, instructions: { name: playlist.name } };
  }

  @Unpack('file')
  async unpackFile(item: DataItem, instructions: { name?: string }): Promise<Playlist> {
    const lines = (await item.getText()).split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    return new Playlist(instructions.name ?? item.key, lines);
  }
}
// #endregion
