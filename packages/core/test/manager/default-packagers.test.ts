import 'reflect-metadata';
import { PackagersManager } from '../../src/manager/packagers-manager';
import type { PackedArtifact } from '../../src/manager/packed-output';
import { BUILTIN_PACKAGERS, ObjectPackager } from '../../src/packagers/builtin/index';
import { MemoryStore } from '../../src/stores/memory.store';

class Opaque {
  constructor(readonly secret: string) {}
}

describe('PackagersManager with its default packagers', () => {
  describe('when built without options', () => {
    it('should register the builtins and keep ObjectPackager as the fallback', () => {
      const manager = new PackagersManager({ warnings: { warn: () => undefined } });
      const names = manager.snapshot.definitions.map((d) => d.packagerClass);
      for (const builtin of BUILTIN_PACKAGERS) expect(names).toContain(builtin);
      expect(manager.snapshot.fallback?.packagerClass).toBe(ObjectPackager);
      expect(names).not.toContain(ObjectPackager);
    });

    it('should pack a number as a result through the builtin number packager', async () => {
      const manager = new PackagersManager({
        store: new MemoryStore(),
        warnings: { warn: () => undefined },
      });
      expect(await manager.pack(0.25, 'loss')).toMatchObject({ kind: 'result', value: 0.25 });
    });

    it('should round-trip a value through the object fallback', async () => {
      const warnings: string[] = [];
      const manager = new PackagersManager({
        store: new MemoryStore(),
        warnings: { warn: (m) => warnings.push(m) },
      });
      const value = new Map<string, number[]>([['a', [1, 2]]]);
      const out = (await manager.pack(value, 'lookup : object')) as PackedArtifact;
      expect(out.artifact.packaging).toMatchObject({
        packager: 'stowage.object',
        objectType: 'Map',
        artifactType: 'object',
      });
      const item = await (manager.repository as NonNullable<typeof manager.repository>).open(
        out.artifact.uri as string,
      );
      expect(await manager.unpack(item)).toEqual(value);
    });

    it('should fall back to "object" for a class no packager handles', async () => {
      const manager = new PackagersManager({
        store: new MemoryStore(),
        warnings: { warn: () => undefined },
      });
      const explanation = manager.explain(new Opaque('x'), 'o');
      expect(explanation.chosen).toEqual({
        packager: 'stowage.object',
        artifactType: 'object',
        mode: 'method',
      });
      expect(explanation.candidates.map((c) => [c.packager, c.chosen])).toEqual([
        ['stowage.record', false],
        ['stowage.object', true],
      ]);
    });
  });
});
