import 'reflect-metadata';
import { Option } from '../../src/decorators/option.decorator';
import { readOptionRecords } from '../../src/decorators/options-class';
import { DefinitionError } from '../../src/errors/definition.error';
import { expectStowageError } from '../helpers/expect-stowage-error';

describe('Option', () => {
  describe('when put on instance properties', () => {
    it('should record each option with its spec', () => {
      class FileOptions {
        @Option({ allowed: ['csv', 'json'], description: 'File format' }) format = 'csv';
        @Option() header = true;
      }
      expect(readOptionRecords(FileOptions)).toEqual([
        { allowed: ['csv', 'json'], description: 'File format', property: 'format' },
        { property: 'header' },
      ]);
    });

    it('should let a subclass inherit and redeclare options without touching the base', () => {
      class BaseOptions {
        @Option() format = 'csv';
        @Option() header = true;
      }
      class SubOptions extends BaseOptions {
        @Option({ allowed: ['csv', 'tsv'] }) override format = 'tsv';
      }
      expect(
        readOptionRecords(SubOptions)
          .map((r) => r.property)
          .sort(),
      ).toEqual(['format', 'header']);
      expect(readOptionRecords(SubOptions).find((r) => r.property === 'format')?.allowed).toEqual([
        'csv',
        'tsv',
      ]);
      expect(
        readOptionRecords(BaseOptions).find((r) => r.property === 'format')?.allowed,
      ).toBeUndefined();
    });
  });

  describe('when not put on an instance property', () => {
    it('should throw DEFINITION_NOT_A_PROPERTY for a method', () => {
      class Subject {
        compute(): void {}
      }
      const descriptor = Object.getOwnPropertyDescriptor(Subject.prototype, 'compute');
      expectStowageError(
        () => Option()(Subject.prototype, 'compute', descriptor),
        DefinitionError,
        'DEFINITION_NOT_A_PROPERTY',
      );
    });

    it('should throw DEFINITION_NOT_A_PROPERTY for a static property', () => {
      expectStowageError(
        () => {
          class Subject {
            @Option() static level = 1;
          }
          return Subject;
        },
        DefinitionError,
        'DEFINITION_NOT_A_PROPERTY',
      );
    });

    it('should throw DEFINITION_NOT_A_PROPERTY for a symbol-named property', () => {
      const key = Symbol('level');
      expectStowageError(() => Option()({}, key), DefinitionError, 'DEFINITION_NOT_A_PROPERTY');
    });
  });

  describe('when the spec is invalid', () => {
    it('should throw DEFINITION_INVALID_OPTION_SPEC for an unsupported type', () => {
      expectStowageError(
        () => {
          class Subject {
            @Option({ type: Date as never }) when = new Date();
          }
          return Subject;
        },
        DefinitionError,
        'DEFINITION_INVALID_OPTION_SPEC',
      );
    });

    it('should throw DEFINITION_INVALID_OPTION_SPEC for a list item type that is a list', () => {
      expectStowageError(
        () => {
          class Subject {
            @Option({ itemType: Array as never }) columns: string[] = [];
          }
          return Subject;
        },
        DefinitionError,
        'DEFINITION_INVALID_OPTION_SPEC',
      );
    });

    it('should throw DEFINITION_INVALID_OPTION_SPEC when allowed is not an array', () => {
      expectStowageError(
        () => {
          class Subject {
            @Option({ allowed: 'csv' as never }) format = 'csv';
          }
          return Subject;
        },
        DefinitionError,
        'DEFINITION_INVALID_OPTION_SPEC',
      );
    });
  });
});
