import type { PackedArtifact } from '../../../src/manager/packed-output';
import { MapPackager } from '../../../src/packagers/builtin/map.packager';
import { SetPackager } from '../../../src/packagers/builtin/set.packager';
import { builtinManager } from './helpers/builtin-manager';

describe(SetPackager, () => {
  describe('when a Set is logged as jsonl', () => {
    it('should write one member per line and read back the same Set', async () => {
      const { roundTrip, repository } = builtinManager();
      const set = new Set<unknown>([3, 'two', { one: 1 }, [0]]);
      const { out, back } = await roundTrip(set, 'k : file[format=jsonl]', Set);
      const artifact = (out as PackedArtifact).artifact;
      const item = await repository.open(artifact.uri as string);
      expect((await item.get()).toString('utf8')).toBe('3\n"two"\n{"one":1}\n[0]\n');
      expect(back).toBeInstanceOf(Set);
      expect([...(back as Set<unknown>)]).toEqual([...set]);
    });

    it('should read back a one-member Set as a one-member Set', async () => {
      const { roundTrip } = builtinManager();
      const { back } = await roundTrip(new Set([{ only: true }]), 'k : file[format=jsonl]', Set);
      expect([...(back as Set<unknown>)]).toEqual([{ only: true }]);
    });
  });
});

describe(MapPackager, () => {
  describe('when a Map is logged as jsonl', () => {
    it('should write one [key, value] entry per line and read back the same Map', async () => {
      const { roundTrip } = builtinManager();
      const map = new Map<unknown, unknown>([
        [1, 'one'],
        ['two', { n: 2 }],
      ]);
      const { back } = await roundTrip(map, 'k : file[format=jsonl]', Map);
      expect(back).toBeInstanceOf(Map);
      expect([...(back as Map<unknown, unknown>)]).toEqual([...map]);
    });
  });
});
