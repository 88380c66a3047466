import 'reflect-metadata';
import { Option } from '../../src/decorators/option.decorator';
import { Pack } from '../../src/decorators/pack.decorator';
import { BuiltinPackager, Packager } from '../../src/decorators/packager.decorator';
import { Unpack } from '../../src/decorators/unpack.decorator';
import { DefinitionError } from '../../src/errors/definition.error';
import type { PackOutput } from '../../src/packagers/pack-context';
import { PackagerRegistry } from '../../src/registry/packager-registry';
import { typeTokenOf } from '../../src/registry/type-token';
import { Nullish } from '../../src/types';
import { expectStowageError } from '../helpers/expect-stowage-error';

class Shape {}
class Circle extends Shape {}
class Ring extends Circle {}

describe('PackagerRegistry', () => {
  describe('when building', () => {
    it('should return a frozen snapshot of frozen definitions with defaults filled in', () => {
      class FileOptions {
        @Option() header = true;
      }
      @Packager({ type: Shape })
      class ShapePackager {
        @Pack('file', { options: FileOptions }) packFile(): void {}
        @Unpack('file') unpackFile(): void {}
      }
      const snapshot = new PackagerRegistry().register(ShapePackager).build();
      const [definition] = snapshot.definitions;
      expect(Object.isFrozen(snapshot)).toBe(true);
      expect(Object.isFrozen(snapshot.definitions)).toBe(true);
      expect(Object.isFrozen(definition)).toBe(true);
      expect(definition).toMatchObject({
        name: 'ShapePackager',
        type: Shape,
        typeName: 'Shape',
        priority: 3,
        packSubclasses: false,
        builtin: false,
        fullControl: false,
        packs: true,
        unpacks: true,
        defaultPackingArtifactType: 'file',
        defaultUnpackingArtifactType: 'file',
        bundleFromList: false,
        bundleFromDict: false,
        bundleMethod: undefined,
        unbundleMethod: undefined,
        registrationIndex: 0,
      });
      expect(definition?.packMethods['file']?.options.options.map((o) => o.name)).toEqual([
        'header',
      ]);
    });

    it('should give builtins priority 5 and use the stable name', () => {
      @BuiltinPackager({
        type: Number,
        name: 'stowage.number',
        defaultPackingArtifactType: 'result',
      })
      class NumberPackager {}
      const [definition] = new PackagerRegistry().register(NumberPackager).build().definitions;
      expect(definition).toMatchObject({
        name: 'stowage.number',
        priority: 5,
        builtin: true,
        packs: true,
      });
    });

    it('should de-duplicate a class registered twice', () => {
      @Packager({ type: Shape })
      class ShapePackager {
        @Pack('file') packFile(): void {}
      }
      const registry = new PackagerRegistry()
        .register(ShapePackager, ShapePackager)
        .register(ShapePackager);
      expect(registry.classes).toEqual([ShapePackager]);
      expect(registry.build().definitions).toHaveLength(1);
    });

    it('should return a new snapshot on every build', () => {
      const registry = new PackagerRegistry();
      expect(registry.build()).not.toBe(registry.build());
    });

    it('should throw DEFINITION_NOT_A_PACKAGER for an undecorated class', () => {
      class Plain {}
      expectStowageError(
        () => new PackagerRegistry().register(Plain).build(),
        DefinitionError,
        'DEFINITION_NOT_A_PACKAGER',
      );
    });

    it('should throw DEFINITION_NOT_A_PACKAGER for a subclass that only inherits @Packager', () => {
      @Packager({ type: Shape })
      class ShapePackager {
        @Pack('file') packFile(): void {}
      }
      class Undecorated extends ShapePackager {}
      const error = expectStowageError(
        () => new PackagerRegistry().register(Undecorated).build(),
        DefinitionError,
        'DEFINITION_NOT_A_PACKAGER',
      );
      expect(error.message).toContain('only inherits');
    });

    it('should throw DEFINITION_DUPLICATE_NAME for two packagers with one name', () => {
      @Packager({ type: Shape, name: 'shapes' })
      class A {
        @Pack('file') packFile(): void {}
      }
      @Packager({ type: Circle, name: 'shapes' })
      class B {
        @Pack('file') packFile(): void {}
      }
      expectStowageError(
        () => new PackagerRegistry().register(A, B).build(),
        DefinitionError,
        'DEFINITION_DUPLICATE_NAME',
      );
    });
  });

  describe('when ranking', () => {
    it('should order by priority, then specificity, then newest registration', () => {
      @Packager({ type: Shape, priority: 4, packSubclasses: true })
      class ShapeLow {
        @Pack('file') packFile(): void {}
      }
      @Packager({ type: Shape, priority: 2, packSubclasses: true })
      class ShapeHigh {
        @Pack('file') packFile(): void {}
      }
      @Packager({ type: Circle, priority: 2, packSubclasses: true })
      class CircleHigh {
        @Pack('file') packFile(): void {}
      }
      @Packager({ type: Circle, priority: 2 })
      class CircleHighNewer {
        @Pack('file') packFile(): void {}
      }
      const registry = new PackagerRegistry().register(
        ShapeLow,
        ShapeHigh,
        CircleHigh,
        CircleHighNewer,
      );
      const names = (type: Function): string[] =>
        registry.resolve(type as never, 'file').map((c) => c.definition.name);
      expect(names(Circle)).toEqual(['CircleHighNewer', 'CircleHigh', 'ShapeHigh', 'ShapeLow']);
      expect(names(Ring)).toEqual(['CircleHigh', 'ShapeHigh', 'ShapeLow']);
      expect(names(Shape)).toEqual(['ShapeHigh', 'ShapeLow']);
    });

    it('should not offer a base-class packager for subclasses unless packSubclasses is set', () => {
      @Packager({ type: Shape })
      class ShapePackager {
        @Pack('file') packFile(): void {}
      }
      const registry = new PackagerRegistry().register(ShapePackager);
      expect(registry.resolve(Circle, 'file')).toEqual([]);
      expect(registry.resolve(Shape, 'file').map((c) => c.distance)).toEqual([0]);
    });

    it('should filter by artifact type, keeping result always packable', () => {
      @Packager({ type: Shape })
      class ShapePackager {
        @Pack('file') packFile(): void {}
      }
      const registry = new PackagerRegistry().register(ShapePackager);
      expect(registry.resolve(Shape, 'dataset')).toEqual([]);
      expect(registry.resolve(Shape, 'result')).toHaveLength(1);
      expect(registry.resolve(Shape)).toHaveLength(1);
    });

    it('should leave unpack-only packagers out of packing and pack-only ones out of unpacking', () => {
      @Packager({ type: Shape })
      class Reader {
        @Unpack('file') unpackFile(): void {}
      }
      @Packager({ type: Shape })
      class Writer {
        @Pack('file') packFile(): void {}
      }
      const snapshot = new PackagerRegistry().register(Reader, Writer).build();
      expect(snapshot.packCandidates(Shape, undefined).map((c) => c.definition.name)).toEqual([
        'Writer',
      ]);
      expect(snapshot.unpackCandidates(Shape).map((c) => c.definition.name)).toEqual(['Reader']);
    });
  });

  describe('when a packager class extends another packager class', () => {
    it('should inherit @Pack/@Unpack methods, let the subclass override them, and use its own priority', () => {
      @Packager({ type: Shape, priority: 5 })
      class ShapePackager {
        @Pack('file') packFile(): string {
          return 'base file';
        }
        @Pack('dataset') packDataset(): void {}
        @Unpack('file') unpackFile(): void {}
      }
      @Packager({ type: Circle, priority: 2 })
      class CirclePackager extends ShapePackager {
        @Pack('file') packCircle(): string {
          return 'circle file';
        }
      }
      const snapshot = new PackagerRegistry().register(ShapePackager, CirclePackager).build();
      const circle = snapshot.byName('CirclePackager');
      expect(circle?.priority).toBe(2);
      expect(circle?.packMethods['file']).toMatchObject({
        method: 'packCircle',
        declaredBy: 'CirclePackager',
      });
      expect(circle?.packMethods['dataset']).toMatchObject({
        method: 'packDataset',
        declaredBy: 'ShapePackager',
      });
      expect(circle?.unpackMethods['file']?.declaredBy).toBe('ShapePackager');
      expect(circle?.defaultPackingArtifactType).toBe('file');
      expect(snapshot.byName('ShapePackager')?.packMethods['file']?.method).toBe('packFile');
    });
  });

  describe('when resolving primitives and null', () => {
    it('should resolve primitives through their constructors and null/undefined through Nullish', () => {
      @BuiltinPackager({ type: Number, defaultPackingArtifactType: 'result' })
      class NumberPackager {}
      @BuiltinPackager({ type: String, defaultPackingArtifactType: 'result' })
      class StringPackager {}
      @BuiltinPackager({ type: Nullish, defaultPackingArtifactType: 'result' })
      class NullPackager {}
      @BuiltinPackager({ type: Object, packSubclasses: true, defaultPackingArtifactType: 'result' })
      class AnyObjectPackager {}
      const registry = new PackagerRegistry().register(
        NumberPackager,
        StringPackager,
        NullPackager,
        AnyObjectPackager,
      );
      const first = (value: unknown): string | undefined =>
        registry.resolve(typeTokenOf(value))[0]?.definition.name;
      expect(first(1.5)).toBe('NumberPackager');
      expect(first('a')).toBe('StringPackager');
      expect(first(null)).toBe('NullPackager');
      expect(first(undefined)).toBe('NullPackager');
      expect(first(true)).toBeUndefined();
      expect(first(new Circle())).toBe('AnyObjectPackager');
      expect(first(Object.create(null))).toBe('AnyObjectPackager');
    });

    it('should map values to their type tokens', () => {
      expect(typeTokenOf(1n)).toBe(BigInt);
      expect(typeTokenOf(Symbol('s'))).toBe(Symbol);
      expect(typeTokenOf(false)).toBe(Boolean);
      expect(typeTokenOf([])).toBe(Array);
      expect(typeTokenOf(new Ring())).toBe(Ring);
    });
  });

  describe('when resolving repeatedly', () => {
    it('should cache the candidates per (type, artifact type)', () => {
      @Packager({ type: Shape })
      class ShapePackager {
        @Pack('file') packFile(): void {}
      }
      const snapshot = new PackagerRegistry().register(ShapePackager).build();
      const first = snapshot.packCandidates(Shape, 'file');
      expect(snapshot.packCandidates(Shape, 'file')).toBe(first);
      expect(snapshot.packCandidates(Shape, undefined)).not.toBe(first);
      expect(Object.isFrozen(first)).toBe(true);
    });

    it('should rebuild the snapshot only after a new registration', () => {
      @Packager({ type: Shape })
      class ShapePackager {
        @Pack('file') packFile(): void {}
      }
      const registry = new PackagerRegistry().register(ShapePackager);
      const snapshot = registry.snapshot();
      expect(registry.snapshot()).toBe(snapshot);
      registry.register(ShapePackager);
      expect(registry.snapshot()).toBe(snapshot);
      @Packager({ type: Circle })
      class CirclePackager {
        @Pack('file') packFile(): void {}
      }
      registry.register(CirclePackager);
      expect(registry.snapshot()).not.toBe(snapshot);
    });
  });

  describe('when a full-control packager is registered', () => {
    it('should build it as a full-control definition that is a candidate for any artifact type', () => {
      @Packager({ type: Shape })
      class ShapeControl {
        isPackable(): boolean {
          return true;
        }
        isUnpackable(): boolean {
          return true;
        }
        pack(): PackOutput {
          return { result: 1 };
        }
        unpack(): Shape {
          return new Shape();
        }
      }
      const registry = new PackagerRegistry().register(ShapeControl);
      expect(registry.snapshot().definitions[0]).toMatchObject({
        fullControl: true,
        packs: true,
        unpacks: true,
      });
      expect(registry.resolve(Shape, 'anything')).toHaveLength(1);
    });

    it('should throw DEFINITION_INCOMPLETE_FULL_CONTROL when a method is missing', () => {
      @Packager({ type: Shape })
      class HalfControl {
        isPackable(): boolean {
          return true;
        }
        pack(): PackOutput {
          return { result: 1 };
        }
      }
      const error = expectStowageError(
        () => new PackagerRegistry().register(HalfControl).build(),
        DefinitionError,
        'DEFINITION_INCOMPLETE_FULL_CONTROL',
      );
      expect(error.details).toMatchObject({ missing: ['isUnpackable', 'unpack'] });
    });
  });

  describe('when a fallback is given', () => {
    it('should keep it out of the ranked definitions but find it by name', () => {
      @BuiltinPackager({ type: Object, name: 'stowage.object' })
      class FallbackPackager {
        @Pack('object') packObject(): void {}
        @Unpack('object') unpackObject(): void {}
      }
      const registry = new PackagerRegistry({ fallback: FallbackPackager }).register(
        FallbackPackager,
      );
      const snapshot = registry.build();
      expect(snapshot.definitions).toEqual([]);
      expect(snapshot.fallback?.name).toBe('stowage.object');
      expect(snapshot.byName('stowage.object')).toBe(snapshot.fallback);
    });
  });
});
