// The README tour's packager, in an ES module: named imports from the CommonJS build's types.
import { Artifact, DataItem, Pack, Packager, Unpack } from '@stowage/core';
import type { ArtifactOutput } from '@stowage/core';

export class Playlist {
  constructor(
    readonly name: string,
    readonly tracks: readonly string[],
  ) {}
}

@Packager({ type: Playlist, name: 'music.PlaylistPackager', defaultPackingArtifactType: 'file' })
export class PlaylistPackager {
  @Pack('file')
  packFile(playlist: Playlist, key: string): ArtifactOutput {
    const body = Buffer.from(['#EXTM3U', ...playlist.tracks].join('\n') + '\n');
    const artifact = new Artifact({ key, body, fileName: 'playlist.m3u' });
    return { artifact, instructions: { name: playlist.name } };
  }

  @Unpack('file')
  async unpackFile(item: DataItem, instructions: { name?: string }): Promise<Playlist> {
    const lines = (await item.getText()).split('\n').filter((l) => l && !l.startsWith('#'));
    return new Playlist(instructions.name ?? item.key, lines);
  }
}
