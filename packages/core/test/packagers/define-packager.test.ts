import 'reflect-metadata';
import {
  DefinitionError,
  MemoryStore,
  Option,
  Pack,
  Packager,
  PackagersManager,
  Unpack,
  defineOptions,
  definePackager,
  registerPackager,
  type PackOutput,
} from '@stowage/core';
import { expectStowageError, expectStowageRejection } from '../helpers/expect-stowage-error';

const quiet = { warn: (): void => undefined };
const firstLine = (text: string): string => text.split('\n')[0] ?? '';

class Shape {
  constructor(readonly sides: number) {}
}

function managerOf(...packagers: unknown[]): PackagersManager {
  return new PackagersManager({
    store: new MemoryStore(),
    packagers: packagers as never[],
    fallback: null,
    warnings: quiet,
  });
}

describe('registerPackager', () => {
  describe('when a class is registered with the fields the decorators take', () => {
    class DecoratedOptions {
      @Option({ allowed: ['a', 'b'] }) mode = 'a';
    }
    @Packager({ type: Shape, priority: 4, name: 'decorated' })
    class Decorated {
      @Pack('file', { options: DecoratedOptions }) packFile(): PackOutput {
        return { result: 1 };
      }
      @Unpack('file') unpackFile(): Shape {
        return new Shape(1);
      }
    }
    class PlainOptions {
      mode = 'a';
    }
    defineOptions(PlainOptions, { mode: { allowed: ['a', 'b'] } });
    class Plain {
      packFile(): PackOutput {
        return { result: 1 };
      }
      unpackFile(): Shape {
        return new Shape(1);
      }
    }
    registerPackager(Plain, {
      type: Shape,
      priority: 4,
      name: 'plain',
      pack: { file: { method: 'packFile', options: PlainOptions } },
      unpack: { file: 'unpackFile' },
    });

    it('should build the same definition as the decorators, marked "function"', () => {
      const snapshot = managerOf(Decorated, Plain).snapshot;
      const decorated = snapshot.byName('decorated');
      const plain = snapshot.byName('plain');
      const comparable = (d: typeof plain) => ({
        typeName: d?.typeName,
        priority: d?.priority,
        defaultPackingArtifactType: d?.defaultPackingArtifactType,
        packs: Object.keys(d?.packMethods ?? {}),
        unpacks: Object.keys(d?.unpackMethods ?? {}),
        options: d?.packMethods['file']?.options.options.map((o) => [o.name, o.allowed]),
      });
      expect(comparable(plain)).toEqual(comparable(decorated));
      expect(decorated?.declaredWith).toBe('legacy');
      expect(plain).toMatchObject({
        declaredWith: 'function',
        packMethods: { file: { declaredWith: 'function', method: 'packFile' } },
        unpackMethods: { file: { declaredWith: 'function' } },
      });
    });

    it('should validate packing options the same way', async () => {
      const manager = managerOf(Plain);
      const refused: unknown = await manager.pack(new Shape(3), 's : file[mode=c]').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(refused).toMatchObject({ code: 'OPTIONS_NOT_ALLOWED' });
    });

    it('should show the declaration under the explain table', () => {
      const { text } = managerOf(Decorated, Plain).explain(new Shape(3), 's : file');
      expect(text.split('\n').slice(-2)).toEqual([
        '',
        '  plain: declared with definePackager/registerPackager',
      ]);
    });
  });

  describe('when a named method does not exist', () => {
    it('should throw DEFINITION_NOT_A_METHOD naming the member', () => {
      class Missing {}
      const error = expectStowageError(
        () => registerPackager(Missing, { type: Shape, pack: { file: 'packFile' } }),
        DefinitionError,
        'DEFINITION_NOT_A_METHOD',
      );
      expect(firstLine(error.message)).toBe(
        '@Pack is on Missing.packFile, which is not an instance method.',
      );
    });
  });

  describe('when a field is misspelt', () => {
    it('should throw DEFINITION_UNKNOWN_OPTION like @Packager', () => {
      class Typo {}
      expectStowageError(
        () => registerPackager(Typo, { type: Shape, priorty: 2 } as never),
        DefinitionError,
        'DEFINITION_UNKNOWN_OPTION',
      );
    });
  });

  describe('when the constructor takes a service and no inject is given', () => {
    it('should throw DEFINITION_INJECT_REQUIRED when the packager is built', async () => {
      class Units {}
      class NeedsUnits {
        constructor(readonly units: Units) {}
        packResult(): PackOutput {
          return { result: 1 };
        }
      }
      registerPackager(NeedsUnits, { type: Shape, pack: { result: 'packResult' } });
      const error = await expectStowageRejection(
        managerOf(NeedsUnits).pack(new Shape(1), 's : result'),
        DefinitionError,
        'DEFINITION_INJECT_REQUIRED',
      );
      expect(error.fix).toContain('inject: [MyService]');
    });

    it('should build it with the listed services when inject is given', async () => {
      class Units {
        readonly suffix = ' sides';
      }
      class WithUnits {
        constructor(readonly units: Units) {}
        packResult(shape: Shape): PackOutput {
          return { result: `${shape.sides}${this.units.suffix}` };
        }
      }
      registerPackager(WithUnits, { type: Shape, inject: [Units], pack: { result: 'packResult' } });
      expect(await managerOf(WithUnits).pack(new Shape(4), 's : result')).toMatchObject({
        value: '4 sides',
      });
    });
  });

  describe('when inject is not a list of classes', () => {
    it('should throw DEFINITION_INVALID_OPTION_VALUE', () => {
      class BadInject {}
      expectStowageError(
        () => registerPackager(BadInject, { type: Shape, inject: ['units'] as never }),
        DefinitionError,
        'DEFINITION_INVALID_OPTION_VALUE',
      );
    });
  });
});

describe('definePackager', () => {
  describe('when the packager is an object of functions', () => {
    it('should make a named class whose functions pack and unpack', async () => {
      const ShapePackager = definePackager({
        type: Shape,
        priority: 2,
        pack: { result: (shape: Shape): PackOutput => ({ result: shape.sides }) },
      });
      expect(ShapePackager.name).toBe('ShapePackager');
      const manager = managerOf(ShapePackager);
      expect(manager.snapshot.byName('ShapePackager')).toMatchObject({
        priority: 2,
        declaredWith: 'function',
      });
      expect(await manager.pack(new Shape(5), 's : result')).toMatchObject({ value: 5 });
    });
  });

  describe('when a pack entry is not a function', () => {
    it('should throw DEFINITION_INVALID naming the entry', () => {
      const error = expectStowageError(
        () => definePackager({ type: Shape, pack: { result: 'nope' as never } }),
        DefinitionError,
        'DEFINITION_INVALID',
      );
      expect(firstLine(error.message)).toBe(
        'definePackager() for ShapePackager: "pack:result" is string, not a function.',
      );
    });
  });
});

describe('defineOptions', () => {
  describe('when an option spec is invalid', () => {
    it('should throw the error @Option throws', () => {
      class Bad {
        level = 1;
      }
      expectStowageError(
        () => defineOptions(Bad, { level: { type: Date as never } }),
        DefinitionError,
        'DEFINITION_INVALID_OPTION_SPEC',
      );
    });
  });
});
