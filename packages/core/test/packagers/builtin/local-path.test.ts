import { PackingError } from '../../../src/errors/packing.error';
import { LocalPath } from '../../../src/values/local-path';
import { expectStowageError, expectStowageRejection } from '../../helpers/expect-stowage-error';
import { builtinManager } from './helpers/builtin-manager';

describe(LocalPath, () => {
  describe('when given "" as the path', () => {
    it('should refuse it with PATH_EMPTY instead of meaning the working directory', () => {
      expectStowageError(() => new LocalPath(''), PackingError, 'PATH_EMPTY');
      expectStowageError(() => LocalPath.toPath(''), PackingError, 'PATH_EMPTY');
    });

    it('should still accept "." for the working directory', () => {
      expect(new LocalPath('.').path).toBe(process.cwd());
    });
  });

  describe('when "" is logged as a path through the manager', () => {
    it('should refuse it with PATH_EMPTY and archive nothing', async () => {
      const { manager, repository } = builtinManager();
      await expectStowageRejection(manager.pack('', 'k : path'), PackingError, 'PATH_EMPTY');
      expect(await repository.keys()).toEqual([]);
    });
  });
});
