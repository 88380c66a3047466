import { UsageError } from '../../src/errors/usage.error';
import { parseParamValue, parseParamValues } from '../../src/options/param-value.option';
import { assertBuilt, fixture, stowage, tempDir } from '../helpers/cli-process';

describe('parseParamValue', () => {
  describe('when the text is JSON', () => {
    it.each([
      ['3', 3],
      ['-0.5', -0.5],
      ['1e3', 1000],
      ['true', true],
      ['null', null],
      ['[1,2]', [1, 2]],
      ['{"a":1}', { a: 1 }],
      ['"007"', '007'],
    ])('should read %p as JSON', (text, value) => {
      expect(parseParamValue(text)).toEqual(value);
    });
  });

  describe('when the text is not JSON', () => {
    it.each(['hello', 'True', '1.2.3', '[oops', '', ' spaced '])(
      'should keep %p as the string',
      (text) => {
        expect(parseParamValue(text)).toBe(text);
      },
    );
  });
});

describe('parseParamValue (numbers beyond 2^53)', () => {
  describe('when a whole number is beyond ±(2^53 − 1)', () => {
    it.each([
      ['12345678901234567890', 12345678901234567890n],
      ['-12345678901234567890', -12345678901234567890n],
      ['9007199254740992', 9007199254740992n],
      ['-9007199254740992', -9007199254740992n],
    ])('should read %p exactly as a bigint', (text, value) => {
      expect(parseParamValue(text)).toBe(value);
    });

    it('should keep safe whole numbers as numbers', () => {
      expect(parseParamValue('9007199254740991')).toBe(9007199254740991);
      expect(parseParamValue('-9007199254740991')).toBe(-9007199254740991);
    });

    it('should read them exactly inside arrays and objects, leaving strings alone', () => {
      expect(
        parseParamValue('{"ids":[12345678901234567890,1],"s":"12345678901234567890","n":-2e3}'),
      ).toEqual({ ids: [12345678901234567890n, 1], s: '12345678901234567890', n: -2000 });
    });
  });

  describe('when a float at or beyond 2^53 keeps every digit written', () => {
    it.each([
      ['1e20', 1e20],
      ['-1e20', -1e20],
      ['1.5e300', 1.5e300],
      ['6.02e23', 6.02e23],
      ['9007199254740992.0', 9007199254740992],
      ['0.1', 0.1],
    ])('should read %p as a number', (text, value) => {
      expect(parseParamValue(text)).toBe(value);
    });
  });

  describe('when a float beyond 2^53 would lose digits, or overflow', () => {
    it.each([
      '1.2345678901234567891e19',
      '-1.2345678901234567891e19',
      '12345678901234567891.0',
      '9007199254740993.0',
      '1e400',
      '-1e400',
      '[1, 1.2345678901234567891e19]',
    ])('should refuse %p with CLI_PARAM_INEXACT', (text) => {
      let thrown: unknown;
      try {
        parseParamValue(text, 'e');
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(UsageError);
      expect((thrown as UsageError).code).toBe('CLI_PARAM_INEXACT');
      expect((thrown as UsageError).message).toMatch(/^--param e: /);
    });
  });

  describe('when the text is not JSON', () => {
    it('should keep it as the string, even with digits that look too large', () => {
      expect(parseParamValue('1e400x')).toBe('1e400x');
      expect(parseParamValue('12345678901234567890abc')).toBe('12345678901234567890abc');
    });
  });
});

describe('stowage run -p (large numbers, through the binary)', () => {
  const dir = tempDir();

  beforeAll(() => {
    assertBuilt();
  });
  afterAll(() => dir.remove());

  const run = (value: string): ReturnType<typeof stowage> =>
    stowage(['run', fixture('params.js#describe'), '-p', `value=${value}`, '--json'], {
      cwd: dir.path,
      env: { STOWAGE_STORE: `${dir.path}/store` },
    });

  describe('when the value is 12345678901234567890', () => {
    it('should hand the handler that exact bigint and record it as one', async () => {
      const { code, stdout } = await run('12345678901234567890');
      expect(code).toBe(0);
      const record = JSON.parse(stdout) as {
        params: unknown;
        results: Record<string, unknown>;
      };
      expect(record.params).toEqual({ value: { $bigint: '12345678901234567890' } });
      expect(record.results['seen_type']).toBe('bigint');
      expect(record.results['seen_text']).toBe('12345678901234567890');
    });
  });

  describe('when the value is a negative number in an array', () => {
    it('should keep it exact', async () => {
      const { stdout } = await run('[-12345678901234567890, 7]');
      const record = JSON.parse(stdout) as { results: Record<string, unknown> };
      expect(record.results['seen_text']).toBe('bigint:-12345678901234567890,number:7');
    });
  });

  describe('when the value is an exponent form a float would round', () => {
    it('should refuse it with exit code 2 before running', async () => {
      const { code, stdout, stderr } = await run('1.2345678901234567891e19');
      expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
      expect(JSON.parse(stderr)).toMatchObject({ code: 'CLI_PARAM_INEXACT', exitCode: 2 });
    });
  });
});

describe('parseParamValues', () => {
  describe('when given several params', () => {
    it('should parse every value', () => {
      expect(parseParamValues({ rows: '100', name: 'demo' })).toEqual({ rows: 100, name: 'demo' });
    });
  });
});
