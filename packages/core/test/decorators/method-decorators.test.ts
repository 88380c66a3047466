import 'reflect-metadata';
import { Bundle } from '../../src/decorators/bundle.decorator';
import { Option } from '../../src/decorators/option.decorator';
import { Pack } from '../../src/decorators/pack.decorator';
import type { MethodRecord } from '../../src/decorators/packager-args';
import { Unbundle } from '../../src/decorators/unbundle.decorator';
import { Unpack } from '../../src/decorators/unpack.decorator';
import { DefinitionError } from '../../src/errors/definition.error';
import { BUNDLE_METHOD, PACK_METHODS, UNPACK_METHODS } from '../../src/metadata/metadata-keys';
import { readOwnMetadata } from '../../src/metadata/metadata-store';
import { expectStowageError } from '../helpers/expect-stowage-error';

type AnyMethodDecorator = (
  target: object,
  key: string | symbol,
  descriptor?: PropertyDescriptor,
) => void;

const DECORATORS: ReadonlyArray<[string, () => AnyMethodDecorator]> = [
  ['@Pack', () => Pack('file') as AnyMethodDecorator],
  ['@Unpack', () => Unpack('file') as AnyMethodDecorator],
  ['@Bundle', () => Bundle() as AnyMethodDecorator],
  ['@Unbundle', () => Unbundle() as AnyMethodDecorator],
];

describe('method decorators (@Pack, @Unpack, @Bundle, @Unbundle)', () => {
  describe.each(DECORATORS)('when %s is not on an instance method', (_name, make) => {
    it('should throw DEFINITION_NOT_A_METHOD for a property', () => {
      class Subject {
        value = 1;
      }
      expectStowageError(
        () => make()(Subject.prototype, 'value', undefined),
        DefinitionError,
        'DEFINITION_NOT_A_METHOD',
      );
    });

    it('should throw DEFINITION_NOT_A_METHOD for a static method', () => {
      class Subject {
        static create(): void {}
      }
      const descriptor = Object.getOwnPropertyDescriptor(Subject, 'create');
      const error = expectStowageError(
        () => make()(Subject, 'create', descriptor),
        DefinitionError,
        'DEFINITION_NOT_A_METHOD',
      );
      expect(error.message).toContain('Subject.create');
    });

    it('should throw DEFINITION_NOT_A_METHOD for an accessor', () => {
      class Subject {
        get size(): number {
          return 1;
        }
      }
      const descriptor = Object.getOwnPropertyDescriptor(Subject.prototype, 'size');
      expectStowageError(
        () => make()(Subject.prototype, 'size', descriptor),
        DefinitionError,
        'DEFINITION_NOT_A_METHOD',
      );
    });
  });

  describe('when a class has two @Pack methods for one artifact type', () => {
    it('should throw DEFINITION_DUPLICATE_METHOD naming both methods', () => {
      const error = expectStowageError(
        () => {
          class Twice {
            @Pack('file') first(): void {}
            @Pack('file') second(): void {}
          }
          return Twice;
        },
        DefinitionError,
        'DEFINITION_DUPLICATE_METHOD',
      );
      expect(error.message).toContain('first');
      expect(error.message).toContain('second');
    });
  });

  describe('when a class has two @Unpack methods for one artifact type', () => {
    it('should throw DEFINITION_DUPLICATE_METHOD', () => {
      expectStowageError(
        () => {
          class Twice {
            @Unpack('file') first(): void {}
            @Unpack('file') second(): void {}
          }
          return Twice;
        },
        DefinitionError,
        'DEFINITION_DUPLICATE_METHOD',
      );
    });
  });

  describe('when a class has two @Bundle or @Unbundle methods', () => {
    it('should throw DEFINITION_DUPLICATE_METHOD', () => {
      expectStowageError(
        () => {
          class Twice {
            @Bundle() first(): void {}
            @Bundle() second(): void {}
          }
          return Twice;
        },
        DefinitionError,
        'DEFINITION_DUPLICATE_METHOD',
      );
      expectStowageError(
        () => {
          class Twice {
            @Unbundle() first(): void {}
            @Unbundle() second(): void {}
          }
          return Twice;
        },
        DefinitionError,
        'DEFINITION_DUPLICATE_METHOD',
      );
    });
  });

  describe('when the artifact type is not a word', () => {
    it.each(['', 'two words', '1st', 'a/b'])(
      'should throw DEFINITION_INVALID_ARTIFACT_TYPE for %p',
      (type) => {
        expectStowageError(
          () => {
            class Subject {
              @Pack(type) packIt(): void {}
            }
            return Subject;
          },
          DefinitionError,
          'DEFINITION_INVALID_ARTIFACT_TYPE',
        );
      },
    );
  });

  describe('when pack and unpack methods are declared', () => {
    it('should record them independently, in declaration order', () => {
      class Subject {
        @Pack('file') packFile(): void {}
        @Pack('result') packResult(): void {}
        @Unpack('dataset') unpackDataset(): void {}
        @Bundle() bundle(): void {}
      }
      const packs = readOwnMetadata<readonly MethodRecord[]>(PACK_METHODS, Subject);
      const unpacks = readOwnMetadata<readonly MethodRecord[]>(UNPACK_METHODS, Subject);
      expect(packs?.map((r) => r.artifactType)).toEqual(['file', 'result']);
      expect(unpacks?.map((r) => [r.artifactType, r.method])).toEqual([
        ['dataset', 'unpackDataset'],
      ]);
      expect(readOwnMetadata(BUNDLE_METHOD, Subject)).toBe('bundle');
      expect(Object.isFrozen(packs)).toBe(true);
    });

    it('should let a subclass re-declare an artifact type of its base', () => {
      class Base {
        @Pack('file') packFile(): void {}
      }
      class Sub extends Base {
        @Pack('file') override packFile(): void {}
      }
      expect(readOwnMetadata<readonly MethodRecord[]>(PACK_METHODS, Sub)).toHaveLength(1);
    });
  });

  describe('when @Pack is given an options class', () => {
    it('should throw DEFINITION_INVALID_OPTIONS_CLASS when it is not a class', () => {
      expectStowageError(
        () => {
          class Subject {
            @Pack('file', { options: { format: 'csv' } as never }) packFile(): void {}
          }
          return Subject;
        },
        DefinitionError,
        'DEFINITION_INVALID_OPTIONS_CLASS',
      );
    });

    it('should throw DEFINITION_INVALID_OPTIONS_CLASS when it needs constructor arguments', () => {
      class NeedsArgs {
        constructor(readonly format: { name: string }) {
          if (format === undefined) throw new TypeError('format is required');
        }
      }
      expectStowageError(
        () => {
          class Subject {
            @Pack('file', { options: NeedsArgs }) packFile(): void {}
          }
          return Subject;
        },
        DefinitionError,
        'DEFINITION_INVALID_OPTIONS_CLASS',
      );
    });

    it('should throw DEFINITION_OPTION_WITHOUT_DEFAULT for an option with no default', () => {
      class FileOptions {
        @Option() format!: string;
        @Option() header = true;
      }
      const error = expectStowageError(
        () => {
          class Subject {
            @Pack('file', { options: FileOptions }) packFile(): void {}
          }
          return Subject;
        },
        DefinitionError,
        'DEFINITION_OPTION_WITHOUT_DEFAULT',
      );
      expect(error.details).toMatchObject({ option: 'format' });
    });

    it('should throw DEFINITION_INVALID_OPTION_SPEC for a default outside the allowed set', () => {
      class FileOptions {
        @Option({ allowed: ['csv', 'json'] }) format = 'xml';
      }
      expectStowageError(
        () => {
          class Subject {
            @Pack('file', { options: FileOptions }) packFile(): void {}
          }
          return Subject;
        },
        DefinitionError,
        'DEFINITION_INVALID_OPTION_SPEC',
      );
    });

    it('should throw DEFINITION_INVALID_OPTION_SPEC for a default of the wrong type', () => {
      class FileOptions {
        @Option({ type: Number }) level = 'high';
      }
      expectStowageError(
        () => {
          class Subject {
            @Pack('file', { options: FileOptions }) packFile(): void {}
          }
          return Subject;
        },
        DefinitionError,
        'DEFINITION_INVALID_OPTION_SPEC',
      );
    });

    it('should throw DEFINITION_INVALID_OPTION_SPEC for a default that is an object', () => {
      class FileOptions {
        @Option() layout = { rows: 1 };
      }
      expectStowageError(
        () => {
          class Subject {
            @Pack('file', { options: FileOptions }) packFile(): void {}
          }
          return Subject;
        },
        DefinitionError,
        'DEFINITION_INVALID_OPTION_SPEC',
      );
    });
  });
});
