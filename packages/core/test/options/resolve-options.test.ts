import 'reflect-metadata';
import { Option } from '../../src/decorators/option.decorator';
import { OptionsError } from '../../src/errors/options.error';
import { buildOptionsSchema, NO_OPTIONS } from '../../src/options/options-schema';
import { resolveOptions } from '../../src/options/resolve-options';
import { expectStowageError } from '../helpers/expect-stowage-error';

class TableOptions {
  @Option({ allowed: ['csv', 'json'], description: 'File format' }) format = 'csv';
  @Option() header = true;
  @Option() precision = 6;
  @Option({ itemType: String }) columns: string[] = [];
  @Option({ allowed: [1, 2, 4] }) shards: number[] = [1];
  /** Undecorated but initialised: still an option, typed by its default. */
  delimiter = ',';
}

const use = { packager: 'TablePackager', artifactType: 'dataset' };
const schema = () =>
  buildOptionsSchema(TableOptions, '@Pack("dataset") on TablePackager.packDataset');

describe('resolveOptions', () => {
  describe('when the hint sets no options', () => {
    it('should return the frozen defaults as an instance of the options class', () => {
      const s = schema();
      const options = resolveOptions(s, undefined, use);
      expect(options).toBeInstanceOf(TableOptions);
      expect(options).toEqual(new TableOptions());
      expect(Object.isFrozen(options)).toBe(true);
      expect(resolveOptions(s, {}, use)).toBe(options);
    });
  });

  describe('when the hint gives strings', () => {
    it('should convert numbers, booleans, allowed values and lists', () => {
      const raw = {
        format: 'json',
        header: 'false',
        precision: '3',
        columns: 'a, b,c',
        shards: '1,4',
        delimiter: ';',
      };
      const options = resolveOptions(schema(), raw, use) as TableOptions;
      expect(options).toBeInstanceOf(TableOptions);
      expect({ ...options }).toEqual({
        format: 'json',
        header: false,
        precision: 3,
        columns: ['a', 'b', 'c'],
        shards: [1, 4],
        delimiter: ';',
      });
      expect(Object.isFrozen(options.columns)).toBe(true);
    });

    it('should accept values a log-hint parser already typed', () => {
      const options = resolveOptions(
        schema(),
        { header: true, precision: 2, columns: ['x'], shards: 2 },
        use,
      );
      expect(options).toMatchObject({ header: true, precision: 2, columns: ['x'], shards: [2] });
    });

    it('should read 1/0, yes/no as booleans', () => {
      expect(resolveOptions(schema(), { header: 'NO' }, use)).toMatchObject({ header: false });
      expect(resolveOptions(schema(), { header: '1' }, use)).toMatchObject({ header: true });
    });

    it('should never mutate the caller object', () => {
      const raw = Object.freeze({ precision: '3', columns: 'a,b' });
      resolveOptions(schema(), raw, use);
      expect(raw).toEqual({ precision: '3', columns: 'a,b' });
    });
  });

  describe('when an option is unknown', () => {
    it('should throw OPTIONS_UNKNOWN naming the option, packager, artifact type and the valid options', () => {
      const error = expectStowageError(
        () => resolveOptions(schema(), { formt: 'json' }, use),
        OptionsError,
        'OPTIONS_UNKNOWN',
      );
      expect(error.message).toContain('"formt"');
      expect(error.message).toContain('@Pack("dataset") of TablePackager');
      expect(error.message).toContain('format: string = "csv" (one of "csv", "json")');
      expect(error.message).toContain('header: boolean = true');
      expect(error.message).toContain('columns: string[] = []');
      expect(error.details).toMatchObject({
        option: 'formt',
        packager: 'TablePackager',
        artifactType: 'dataset',
      });
      expect(error.details['validOptions']).toContainEqual({
        name: 'precision',
        type: 'number',
        default: 6,
      });
    });

    it('should reject any option for a method without an options class', () => {
      const error = expectStowageError(
        () => resolveOptions(NO_OPTIONS, { format: 'csv' }, use),
        OptionsError,
        'OPTIONS_UNKNOWN',
      );
      expect(error.message).toContain('takes no options');
    });
  });

  describe('when a value has the wrong type', () => {
    it.each([
      ['precision', 'many'],
      ['precision', ''],
      ['header', 'maybe'],
      ['format', { name: 'csv' }],
      ['shards', 'one,two'],
      ['precision', Number.POSITIVE_INFINITY],
    ])('should throw OPTIONS_WRONG_TYPE for %s=%p', (name, value) => {
      const error = expectStowageError(
        () => resolveOptions(schema(), { [name]: value }, use),
        OptionsError,
        'OPTIONS_WRONG_TYPE',
      );
      expect(error.details['option']).toBe(name);
    });
  });

  describe('when a value is outside the allowed set', () => {
    it('should throw OPTIONS_NOT_ALLOWED for a scalar and for a list item', () => {
      expectStowageError(
        () => resolveOptions(schema(), { format: 'xml' }, use),
        OptionsError,
        'OPTIONS_NOT_ALLOWED',
      );
      const error = expectStowageError(
        () => resolveOptions(schema(), { shards: '1,3' }, use),
        OptionsError,
        'OPTIONS_NOT_ALLOWED',
      );
      expect(error.message).toContain('does not allow 3');
    });
  });

  describe('when the options are not a plain object', () => {
    it('should throw OPTIONS_NOT_AN_OBJECT', () => {
      expectStowageError(
        () => resolveOptions(schema(), 'format=csv', use),
        OptionsError,
        'OPTIONS_NOT_AN_OBJECT',
      );
      expectStowageError(
        () => resolveOptions(schema(), [1], use),
        OptionsError,
        'OPTIONS_NOT_AN_OBJECT',
      );
    });
  });
});
