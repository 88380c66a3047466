import 'reflect-metadata';
import { Artifact } from '../../src/artifacts/artifact';
import { StoreArtifactRepository } from '../../src/repository/store-artifact.repository';
import { Pack } from '../../src/decorators/pack.decorator';
import { Packager } from '../../src/decorators/packager.decorator';
import { PackagersManager } from '../../src/manager/packagers-manager';
import type { PackedArtifact } from '../../src/manager/packed-output';
import type { ArtifactOutput } from '../../src/packagers/pack-context';
import { ClassRegistry } from '../../src/serialization/class-registry';
import { MemoryStore } from '../../src/stores/memory.store';

class Tile {
  constructor(
    readonly x = 0,
    readonly y = 0,
  ) {}
  area(): number {
    return this.x * this.y;
  }
}

@Packager({ type: Tile, name: 'test.tile' })
class TilePackager {
  @Pack('file') packFile(t: Tile, key: string): ArtifactOutput {
    return { artifact: new Artifact({ key, body: Buffer.from(`${t.x},${t.y}`) }) };
  }
}

const setup = (classes?: ClassRegistry) => {
  const repository = new StoreArtifactRepository({ store: new MemoryStore({ name: 'classes' }) });
  const warnings: string[] = [];
  const manager = new PackagersManager({
    repository,
    packagers: [TilePackager],
    warnings: { warn: (m) => warnings.push(m) },
    ...(classes !== undefined ? { classes } : {}),
  });
  const roundTrip = async (value: unknown, hint: string): Promise<unknown> => {
    const out = (await manager.pack(value, hint)) as PackedArtifact;
    return manager.unpack(await repository.open(out.artifact.uri as string));
  };
  return { manager, warnings, roundTrip };
};

describe(PackagersManager, () => {
  describe('when a custom packager handles a type and the object fallback stores it', () => {
    it('should revive that type without any registration by the user', async () => {
      const { roundTrip, warnings } = setup();
      const back = (await roundTrip({ tiles: [new Tile(2, 3)] }, 'tiles : object')) as {
        tiles: Tile[];
      };
      expect(back.tiles[0]).toBeInstanceOf(Tile);
      expect(back.tiles[0]?.area()).toBe(6);
      expect(warnings).toEqual([]);
    });

    it('should add it to a given registry under "packager:<name>", keeping existing ids', () => {
      const given = new ClassRegistry({ useCatalog: false });
      setup(given);
      expect(given.registrationOf(Tile)?.id).toBe('packager:test.tile');
      const preset = new ClassRegistry({ useCatalog: false }).registerClass(Tile, 'app.Tile');
      setup(preset);
      expect(preset.registrationOf(Tile)?.id).toBe('app.Tile');
      expect(preset.lookup('packager:test.tile')).toBeUndefined();
    });

    it('should never register builtin types such as Map or Date', () => {
      const given = new ClassRegistry({ useCatalog: false });
      new PackagersManager({ classes: given });
      expect(given.registrationOf(Map)).toBeUndefined();
      expect(given.registrationOf(Date)).toBeUndefined();
      expect(given.registrationOf(Object)).toBeUndefined();
    });
  });
});
