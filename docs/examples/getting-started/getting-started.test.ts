import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalStore, StoreArtifactRepository } from '@stowage/core';
import { main } from './first-run';
import './playlist';

describe('docs/getting-started.md examples', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'stowage-getting-started-'));
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(root, { recursive: true, force: true });
  });

  describe('when the two jobs run', () => {
    it('should log the playlist as a file and hand it back typed to the second job', async () => {
      const { first, second } = await main(root);
      expect(first).toMatchObject({ status: 'completed', results: { count: 12 } });
      expect(second).toMatchObject({ status: 'completed', results: { longest: 'track-10.mp3' } });
      const record = await new StoreArtifactRepository({ store: new LocalStore({ root }) }).read(
        'playlist',
      );
      expect(record.fileName).toBe('playlist.m3u');
      expect(record.packaging).toMatchObject({
        packager: 'getting-started.PlaylistPackager',
        objectType: 'Playlist',
        instructions: { name: 'road trip' },
      });
    });
  });
});
