import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tour } from './tour';

describe('README tour', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'stowage-readme-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  describe('when the two handlers run one after the other', () => {
    it('should store the playlist as a file and hand it back as a Playlist', async () => {
      const [first, second] = await tour(root);
      expect(first).toMatchObject({ status: 'completed', results: { count: 12 } });
      expect(first.artifacts.map((a) => a.key)).toEqual(['playlist']);
      expect(second).toMatchObject({ status: 'completed', results: { longest: 'track-10.mp3' } });
    });
  });
});
