import 'reflect-metadata';
import { Bundle } from '../../src/decorators/bundle.decorator';
import { Pack } from '../../src/decorators/pack.decorator';
import { BuiltinPackager, Packager } from '../../src/decorators/packager.decorator';
import type { PackagerOptions } from '../../src/decorators/packager-args';
import { Unpack } from '../../src/decorators/unpack.decorator';
import { DefinitionError } from '../../src/errors/definition.error';
import { catalogSnapshot } from '../../src/metadata/packager-catalog';
import { Nullish } from '../../src/types';
import { expectStowageError } from '../helpers/expect-stowage-error';

class Point {
  constructor(readonly x = 0) {}
}

/** Decorates a fresh class with `options`, the way `@Packager(options)` would. */
function definePackager(options: unknown): Function {
  class Subject {
    packFile(): void {}
    unpackFile(): void {}
  }
  Pack('file')(
    Subject.prototype,
    'packFile',
    Object.getOwnPropertyDescriptor(Subject.prototype, 'packFile'),
  );
  Unpack('file')(
    Subject.prototype,
    'unpackFile',
    Object.getOwnPropertyDescriptor(Subject.prototype, 'unpackFile'),
  );
  Packager(options as PackagerOptions)(Subject);
  return Subject;
}

describe('Packager', () => {
  describe('when the options are valid', () => {
    it('should add the class to the import-time catalog once', () => {
      @Packager({ type: Point })
      class PointPackager {
        @Pack('file') packFile(): void {}
      }
      expect(catalogSnapshot().filter((c) => c === PointPackager)).toHaveLength(1);
    });

    it('should not catalogue a builtin packager', () => {
      @BuiltinPackager({ type: Number, defaultPackingArtifactType: 'result' })
      class NumberPackager {}
      expect(catalogSnapshot()).not.toContain(NumberPackager);
    });

    it('should accept result and object as defaults without methods', () => {
      expect(() =>
        definePackager({ type: Point, defaultPackingArtifactType: 'result' }),
      ).not.toThrow();
      expect(() =>
        definePackager({ type: Point, defaultUnpackingArtifactType: 'object' }),
      ).not.toThrow();
      expect(() =>
        definePackager({ type: Nullish, defaultPackingArtifactType: 'object' }),
      ).not.toThrow();
    });

    it('should accept a computed default artifact type', () => {
      expect(() =>
        definePackager({ type: Array, defaultPackingArtifactType: () => 'file' }),
      ).not.toThrow();
    });

    it('should accept a default artifact type declared by a base class', () => {
      class BasePackager {
        @Pack('dataset') packDataset(): void {}
      }
      @Packager({ type: Point, defaultPackingArtifactType: 'dataset' })
      class SubPackager extends BasePackager {}
      expect(SubPackager.name).toBe('SubPackager');
    });

    it('should not mutate the options object', () => {
      const options = Object.freeze({ type: Point, priority: 2 });
      expect(() => definePackager(options)).not.toThrow();
      expect(options).toEqual({ type: Point, priority: 2 });
    });
  });

  describe('when "type" is missing or not a class', () => {
    it.each([[{}], [{ type: 'Point' }], [null]])(
      'should throw DEFINITION_NO_TYPE for %p',
      (options) => {
        expectStowageError(() => definePackager(options), DefinitionError, 'DEFINITION_NO_TYPE');
      },
    );
  });

  describe('when the priority is not an integer in 1..10', () => {
    it.each([0, 11, 2.5, -1, Number.NaN])(
      'should throw DEFINITION_INVALID_PRIORITY for %p',
      (priority) => {
        const error = expectStowageError(
          () => definePackager({ type: Point, priority }),
          DefinitionError,
          'DEFINITION_INVALID_PRIORITY',
        );
        expect(error.message).toContain('1 to 10');
      },
    );

    it('should accept 1 and 10', () => {
      expect(() => definePackager({ type: Point, priority: 1 })).not.toThrow();
      expect(() => definePackager({ type: Point, priority: 10 })).not.toThrow();
    });
  });

  describe('when the name is empty', () => {
    it('should throw DEFINITION_INVALID_NAME', () => {
      expectStowageError(
        () => definePackager({ type: Point, name: ' ' }),
        DefinitionError,
        'DEFINITION_INVALID_NAME',
      );
    });
  });

  describe('when an option is misspelt', () => {
    it('should throw DEFINITION_UNKNOWN_OPTION naming it', () => {
      const error = expectStowageError(
        () => definePackager({ type: Point, prority: 2 }),
        DefinitionError,
        'DEFINITION_UNKNOWN_OPTION',
      );
      expect(error.message).toContain('"prority"');
    });
  });

  describe('when an option has a value of the wrong type', () => {
    it('should throw DEFINITION_INVALID_OPTION_VALUE', () => {
      expectStowageError(
        () => definePackager({ type: Point, packSubclasses: 'yes' }),
        DefinitionError,
        'DEFINITION_INVALID_OPTION_VALUE',
      );
      expectStowageError(
        () => definePackager({ type: Point, defaultPackingArtifactType: 3 }),
        DefinitionError,
        'DEFINITION_INVALID_OPTION_VALUE',
      );
    });
  });

  describe('when a default artifact type has no method', () => {
    it('should throw DEFINITION_UNKNOWN_DEFAULT_ARTIFACT_TYPE for packing', () => {
      const error = expectStowageError(
        () => definePackager({ type: Point, defaultPackingArtifactType: 'model' }),
        DefinitionError,
        'DEFINITION_UNKNOWN_DEFAULT_ARTIFACT_TYPE',
      );
      expect(error.fix).toContain('file');
    });

    it('should throw DEFINITION_UNKNOWN_DEFAULT_ARTIFACT_TYPE for unpacking', () => {
      expectStowageError(
        () => definePackager({ type: Point, defaultUnpackingArtifactType: 'result' }),
        DefinitionError,
        'DEFINITION_UNKNOWN_DEFAULT_ARTIFACT_TYPE',
      );
    });
  });

  describe('when bundleFromList or bundleFromDict is set without @Bundle', () => {
    it.each(['bundleFromList', 'bundleFromDict'])(
      'should throw DEFINITION_MISSING_BUNDLE for %s',
      (flag) => {
        expectStowageError(
          () => definePackager({ type: Point, [flag]: true }),
          DefinitionError,
          'DEFINITION_MISSING_BUNDLE',
        );
      },
    );

    it('should accept the flag when a method has @Bundle', () => {
      @Packager({ type: Point, bundleFromList: true })
      class BundlingPackager {
        @Bundle() bundle(): Point {
          return new Point();
        }
      }
      expect(BundlingPackager.name).toBe('BundlingPackager');
    });
  });
});
