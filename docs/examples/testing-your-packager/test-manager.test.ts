// A hand-written test next to the generated suite, on a fresh manager per test.
// #region test-manager
import { OptionsError } from '@stowage/core';
import { createTestManager, type TestManager } from '@stowage/testing';
import { Point, PointPackager } from '../concepts/point-packager';

describe(PointPackager, () => {
  let t: TestManager;
  beforeEach(() => {
    t = createTestManager({ packagers: [PointPackager] });
  });
  afterEach(() => t.dispose());

  describe('when packing as csv', () => {
    it('should write "x,y" and record the format for the unpacker', async () => {
      const packed = await t.manager.pack(new Point(3, 4), 'p: file[format=csv]');
      if (packed.kind !== 'artifact') throw new Error('expected an artifact');

      const item = await t.open(packed.artifact.uri ?? '');
      expect(await item.getText()).toBe('3,4');
      expect(packed.artifact.packaging?.instructions).toEqual({ format: 'csv' });
      expect(t.warnings).toEqual([]);
    });
  });

  describe('when the format is not one of the allowed values', () => {
    it('should throw an OptionsError before anything is stored', async () => {
      const pack = t.manager.pack(new Point(3, 4), 'p: file[format=xml]');
      await expect(pack).rejects.toThrow(OptionsError);
      await expect(pack).rejects.toMatchObject({ code: 'OPTIONS_NOT_ALLOWED' });
    });
  });
});
// #endregion
