import 'reflect-metadata';
import { Artifact } from '../../src/artifacts/artifact';
import type { DataItem } from '../../src/data/data-item';
import { Packager } from '../../src/decorators/packager.decorator';
import { Pack } from '../../src/decorators/pack.decorator';
import { PackagersManager } from '../../src/manager/packagers-manager';
import type { PackedArtifact } from '../../src/manager/packed-output';
import type { FullControlPackager, PackOutput } from '../../src/packagers/pack-context';
import type { Instructions, PackableType } from '../../src/types';
import { testManager } from '../helpers/manager-fixtures';

class Token {
  constructor(readonly id: string) {}
}

@Packager({ type: Token, name: 'catalogued.token' })
class CataloguedTokenPackager {
  @Pack('result') packResult(t: Token): PackOutput {
    return { result: `token:${t.id}` };
  }
}

describe('PackagersManager', () => {
  describe('when built without an explicit list', () => {
    it('should snapshot the catalog of imported @Packager classes', async () => {
      const manager = new PackagersManager({
        fallback: null,
        builtins: [],
        warnings: { warn: () => undefined },
      });
      expect(manager.snapshot.byName('catalogued.token')?.packagerClass).toBe(
        CataloguedTokenPackager,
      );
      expect(await manager.pack(new Token('a'), 't : result')).toMatchObject({ value: 'token:a' });
    });

    it('should not see packagers defined after it was built', () => {
      const manager = new PackagersManager({
        fallback: null,
        builtins: [],
        warnings: { warn: () => undefined },
      });
      @Packager({ type: Token, name: 'late.token' })
      class LateTokenPackager {
        @Pack('file') packFile(): void {}
      }
      expect(LateTokenPackager.name).toBe('LateTokenPackager');
      expect(manager.snapshot.byName('late.token')).toBeUndefined();
    });
  });

  describe('when built with an explicit list', () => {
    it('should use only that list', () => {
      const { manager } = testManager([]);
      expect(manager.snapshot.byName('catalogued.token')).toBeUndefined();
      expect(manager.snapshot.definitions).toEqual([]);
    });
  });

  describe('when a full-control packager is registered', () => {
    @Packager({ type: Token, name: 'control.token' })
    class ControlTokenPackager implements FullControlPackager<Token> {
      isPackable(value: unknown, artifactType: string | undefined): boolean {
        return (
          (value as Token).id !== 'skip' && (artifactType === undefined || artifactType === 'blob')
        );
      }
      isUnpackable(typeHint: PackableType | undefined): boolean {
        return typeHint === undefined || typeHint === Token;
      }
      defaultPackingArtifactType(): string {
        return 'blob';
      }
      defaultUnpackingArtifactType(): string {
        return 'blob';
      }
      pack(
        value: Token,
        key: string,
        artifactType: string,
        options: Readonly<Record<string, unknown>>,
      ): PackOutput {
        const artifact = new Artifact({ key, body: Buffer.from(value.id) });
        return { artifact, instructions: { artifactType, upper: options['upper'] === true } };
      }
      async unpack(item: DataItem, _type: string, instructions: Instructions): Promise<Token> {
        const text = await item.getText();
        return new Token(instructions['upper'] === true ? text.toUpperCase() : text);
      }
    }

    it('should pack and unpack through its methods, passing options through', async () => {
      const { manager, repository } = testManager([ControlTokenPackager]);
      const out = (await manager.pack(new Token('abc'), {
        key: 't',
        options: { upper: true },
      })) as PackedArtifact;
      expect(out.artifact.packaging).toMatchObject({
        packager: 'control.token',
        artifactType: 'blob',
        instructions: { upper: true },
      });
      expect(
        await manager.unpack(await repository.open(out.artifact.uri as string), Token),
      ).toEqual(new Token('ABC'));
    });

    it('should move on when isPackable refuses', async () => {
      const { manager } = testManager([ControlTokenPackager]);
      expect(await manager.pack(new Token('skip'), 't : result')).toMatchObject({
        kind: 'result',
        value: { id: 'skip' },
        packager: 'stowage.generic-result',
      });
    });
  });
});
