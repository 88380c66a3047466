// The README's 30-line tour, compiled and run by tour.test.ts.
import {
  Artifact,
  DataItem,
  Handler,
  Input,
  LocalStore,
  Pack,
  Packager,
  Param,
  Unpack,
  run,
} from '@stowage/core';
import type { ArtifactOutput, RunRecord } from '@stowage/core';

export class Playlist {
  constructor(
    readonly name: string,
    readonly tracks: readonly string[],
  ) {}
}

// #region packager
@Packager({ type: Playlist, name: 'music.PlaylistPackager', defaultPackingArtifactType: 'file' })
export class PlaylistPackager {
  @Pack('file')
  packFile(playlist: Playlist, key: string): ArtifactOutput {
    const body = Buffer.from(['#EXTM3U', ...playlist.tracks].join('\n') + '\n');
    const artifact = new Artifact({ key, body, fileName: 'playlist.m3u' });
    return { artifact, instructions: { name: playlist.name } }; // stored with the artifact
  }

  @Unpack('file')
  async unpackFile(item: DataItem, instructions: { name?: string }): Promise<Playlist> {
    const lines = (await item.getText()).split('\n').filter((l) => l && !l.startsWith('#'));
    return new Playlist(instructions.name ?? item.key, lines);
  }
}
// #endregion

// #region handlers
export class Jobs {
  @Handler({ outputs: ['playlist : file', 'count'] })
  make(@Param('size') size: number): [Playlist, number] {
    const tracks = Array.from({ length: size }, (_, i) => `track-${i + 1}.mp3`);
    return [new Playlist('road trip', tracks), tracks.length];
  }

  @Handler({ outputs: ['longest'] })
  longest(@Input('playlist') playlist: Playlist): string {
    // `playlist` arrives unpacked back into a Playlist
    return [...playlist.tracks].sort((a, b) => b.length - a.length)[0] ?? '';
  }
}

export async function tour(root?: string): Promise<[RunRecord, RunRecord]> {
  const store = new LocalStore(root === undefined ? {} : { root }); // ./.stowage by default
  const first = await run([new Jobs(), 'make'], { store, params: { size: 12 } });
  const inputs = { playlist: 'store://playlist' };
  const second = await run([new Jobs(), 'longest'], { store, inputs });
  return [first, second];
}
// #endregion
