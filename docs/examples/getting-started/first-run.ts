// Getting started, step 2: two jobs, run with run(), passing a Playlist by URI.
import { handler, LocalStore, run } from '@stowage/core';
import type { RunRecord } from '@stowage/core';
import { Playlist } from './playlist';

// #region handlers
/** Job 1 makes a playlist and counts it; the outputs say how to log each returned value. */
export const makePlaylist = handler(
  ({ name, size }: { name: string; size: number }): [Playlist, number] => {
    const tracks = Array.from({ length: size }, (_, i) => `track-${i + 1}.mp3`);
    return [new Playlist(name, tracks), tracks.length];
  },
  { params: ['name', 'size'], outputs: ['playlist : file', 'count'] },
);

/** Job 2 receives the stored playlist back as a Playlist (its declared input type). */
export const longest = handler(
  ({ playlist }: { playlist: Playlist }): string =>
    [...playlist.tracks].sort((a, b) => b.length - a.length)[0] ?? '',
  { inputs: { playlist: Playlist }, outputs: ['longest'] },
);
// #endregion

// #region run
/** Runs both jobs on a local store (default `./.stowage`) and returns their run records. */
export async function main(root?: string): Promise<{ first: RunRecord; second: RunRecord }> {
  const store = new LocalStore(root === undefined ? {} : { root });
  const first = await run(makePlaylist, { store, params: { name: 'road trip', size: 12 } });
  const uri = first.artifacts.find((a) => a.key === 'playlist')?.uri ?? 'store://playlist';
  const second = await run(longest, { store, inputs: { playlist: uri } });
  console.log(first.status, first.results, uri); // completed { count: 12 } store://playlist@…
  console.log(second.status, second.results); // completed { longest: 'track-10.mp3' }
  return { first, second };
}
// #endregion
