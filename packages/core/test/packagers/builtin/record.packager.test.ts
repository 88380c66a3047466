import { PackingError } from '../../../src/errors/packing.error';
import type { PackedArtifact } from '../../../src/manager/packed-output';
import { RecordPackager } from '../../../src/packagers/builtin/record.packager';
import { expectStowageRejection } from '../../helpers/expect-stowage-error';
import { builtinManager } from './helpers/builtin-manager';

describe(RecordPackager, () => {
  describe('when a record with a field that is not a typed array is logged as npz', () => {
    it.each([
      ['null', null, 'null'],
      ['a number', 3, 'a number'],
      ['a plain array', [1, 2], 'an Array'],
      ['a string', 'x', 'a string'],
    ])('should refuse %s with NPZ_FIELD_NOT_ARRAY naming the field', async (_l, field, what) => {
      const { manager } = builtinManager();
      const error = await expectStowageRejection(
        manager.pack({ a: new Float64Array([1, 2]), bad: field }, 'k : file[format=npz]'),
        PackingError,
        'NPZ_FIELD_NOT_ARRAY',
      );
      expect(error.details).toEqual({ key: 'k', field: 'bad' });
      expect(error.message).toContain(`"bad" is ${what}, not a typed array`);
    });
  });

  describe('when a record is logged as jsonl', () => {
    it('should write one line holding the record and read it back as the record', async () => {
      const { roundTrip, repository } = builtinManager();
      const record = { a: 1, b: 'x', nested: { list: [true, null] } };
      const { out, back } = await roundTrip(record, 'k : file[format=jsonl]', Object);
      const artifact = (out as PackedArtifact).artifact;
      expect(artifact.fileName).toBe('k.jsonl');
      const item = await repository.open(artifact.uri as string);
      expect((await item.get()).toString('utf8')).toBe(`${JSON.stringify(record)}\n`);
      expect(back).toEqual(record);
      expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    });

    it('should refuse a record JSON cannot hold exactly with FORMAT_NOT_EXACT', async () => {
      const { manager } = builtinManager();
      await expectStowageRejection(
        manager.pack({ when: new Date(0) }, 'k : file[format=jsonl]'),
        PackingError,
        'FORMAT_NOT_EXACT',
      );
    });
  });
});
