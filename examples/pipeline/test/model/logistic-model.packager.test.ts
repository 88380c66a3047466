import { MemoryStore, PackagersManager, StoreArtifactRepository } from '@stowage/core';
import { LogisticModel } from '../../src/model/logistic-model';
import { LogisticModelPackager } from '../../src/model/logistic-model.packager';

describe('LogisticModelPackager', () => {
  describe('when a model is packed and unpacked', () => {
    it('should give back an equal model without touching the original', async () => {
      const repo = new StoreArtifactRepository({ store: new MemoryStore() });
      const manager = new PackagersManager({
        repository: repo,
        packagers: [LogisticModelPackager],
      });
      const weights = Float64Array.from([0.5, -1.25]);
      const model = new LogisticModel(['a', 'b'], weights, 0.75);
      const packed = await manager.pack(model, 'm');
      expect(packed).toMatchObject({
        kind: 'artifact',
        packager: 'example.LogisticModelPackager',
        artifactType: 'model',
      });
      const back = await manager.unpack(await repo.open('store://m'), LogisticModel);
      expect(back).toBeInstanceOf(LogisticModel);
      expect(back).not.toBe(model);
      expect(back.features).toEqual(['a', 'b']);
      expect(Array.from(back.weights)).toEqual([0.5, -1.25]);
      expect(back.bias).toBe(0.75);
      expect(Array.from(weights)).toEqual([0.5, -1.25]);
      await manager.cleanup();
    });
  });

  describe('when the JSON record is not a logistic model', () => {
    it('should throw an UnpackingError naming the artifact', async () => {
      const repo = new StoreArtifactRepository({ store: new MemoryStore() });
      const manager = new PackagersManager({
        repository: repo,
        packagers: [LogisticModelPackager],
      });
      await manager.pack(new LogisticModel(['a'], Float64Array.from([1]), 0), 'm');
      const packager = new LogisticModelPackager();
      const item = await repo.open('store://m');
      const wrong = Object.assign(
        Object.create(Object.getPrototypeOf(item) as object) as typeof item,
        item,
        {
          getJson: async () => ({ format: 'other/v9' }),
        },
      );
      await expect(packager.unpackModel(wrong, {})).rejects.toMatchObject({
        name: 'UnpackingError',
        code: 'UNPACKING_FAILED',
      });
    });
  });
});
