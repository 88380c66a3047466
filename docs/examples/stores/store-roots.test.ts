import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { main } from './store-roots';

describe('docs/stores.md examples', () => {
  describe('when local stores are built with and without a root', () => {
    it('should use STOWAGE_STORE, else ./.stowage, and let an explicit root win', () => {
      expect(main({ STOWAGE_STORE: '/srv/shared' })).toEqual([
        'file:///srv/shared',
        'file:///data/stowage',
        'file:///data/stowage',
        'memory://unit',
      ]);
      expect(main({})[0]).toBe(pathToFileURL(join(process.cwd(), '.stowage')).href);
    });
  });
});
