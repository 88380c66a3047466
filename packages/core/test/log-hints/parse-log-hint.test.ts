import { LogHintError, type LogHint } from '@stowage/core';
import { parseLogHint } from '../../src/log-hints/parse-log-hint';

function errorOf(input: Parameters<typeof parseLogHint>[0]): LogHintError {
  try {
    parseLogHint(input);
  } catch (e) {
    if (LogHintError.is(e)) return e;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}

describe('parseLogHint', () => {
  describe('when given a valid string hint', () => {
    const cases: ReadonlyArray<[string, Partial<LogHint>]> = [
      ['model', { key: 'model', artifactType: undefined, options: {}, itemized: false }],
      ['  model  ', { key: 'model' }],
      ['model : file', { key: 'model', artifactType: 'file' }],
      ['k:t', { key: 'k', artifactType: 't' }],
      ['k :t', { key: 'k', artifactType: 't' }],
      ['k: t', { key: 'k', artifactType: 't' }],
      ['my_list:  file', { key: 'my_list', artifactType: 'file' }],
      ['my-key.v1 : dataset', { key: 'my-key.v1', artifactType: 'dataset' }],
      [
        'table : file[format=csv, header=true]',
        { artifactType: 'file', options: { format: 'csv', header: true } },
      ],
      ['table : file[]', { options: {} }],
      ['*metrics', { key: 'metrics', itemized: true }],
      [' * results', { key: 'results', itemized: true }],
      ['10*multi', { key: 'multi', itemized: 10 }],
      ['1 * results', { key: 'results', itemized: 1 }],
      ['3* deep', { key: 'deep', itemized: 3 }],
      [
        '2*nested : file[format=yaml]',
        { key: 'nested', itemized: 2, artifactType: 'file', options: { format: 'yaml' } },
      ],
      ["key:type[k1=1, k2='hello']", { options: { k1: 1, k2: 'hello' } }],
      // a bare value after ',' (no '=' after it) continues the option before it as a list
      ['w : file[shape=2,3]', { options: { shape: [2, 3] } }],
      ['w : file[shape=2, 3, 4, format=npy]', { options: { shape: [2, 3, 4], format: 'npy' } }],
      [
        "t : file[columns=a,'b c', header=true]",
        { options: { columns: ['a', 'b c'], header: true } },
      ],
      ['w : file[shape=[2, 3], n=1]', { options: { shape: [2, 3], n: 1 } }],
      ['key : type[n=42, b=True, x=None]', { options: { n: 42, b: true, x: null } }],
      [
        'key : type[n=-1.5e3, f=false, z=null, p=+2, d=.5]',
        { options: { n: -1500, f: false, z: null, p: 2, d: 0.5 } },
      ],
      ['note : result[text="a, b: [c]"]', { options: { text: 'a, b: [c]' } }],
      ['k : t[s=\'it\\\'s\', q="say \\"hi\\""]', { options: { s: "it's", q: 'say "hi"' } }],
      ['k : t[s="tab\\there\\nnew \\u00e9 \\\\"]', { options: { s: 'tab\there\nnew é \\' } }],
      ['k : t[s="  spaced  "]', { options: { s: '  spaced  ' } }],
      ['k : t[s=""]', { options: { s: '' } }],
      ['k : t[url="http://host:80/x"]', { options: { url: 'http://host:80/x' } }],
      ['k : t[n="42", b="true"]', { options: { n: '42', b: 'true' } }],
      ['k : t[path=/tmp/data.csv, sep=;]', { options: { path: '/tmp/data.csv', sep: ';' } }],
      ['k : t[cols=[1, 2, 3]]', { options: { cols: [1, 2, 3] } }],
      ['k : t[m=[[1, 2], [3]], e=[]]', { options: { m: [[1, 2], [3]], e: [] } }],
      ['k : t[l=[a, "b c", true, null]]', { options: { l: ['a', 'b c', true, null] } }],
      ['k : t [ a = 1 ,b=2 ]', { options: { a: 1, b: 2 } }],
      ['k\t:\tt[a=1]', { artifactType: 't', options: { a: 1 } }],
      ['k : t[__proto__=1]', { options: JSON.parse('{"__proto__":1}') as Record<string, unknown> }],
      ['0 : result', { key: '0', artifactType: 'result' }],
      ['k : t[big=1e300, neg=-0.25]', { options: { big: 1e300, neg: -0.25 } }],
    ];
    it.each(cases)('should parse %j', (input, expected) => {
      const parsed = parseLogHint(input);
      expect(parsed).toMatchObject(expected);
      expect(Object.isFrozen(parsed)).toBe(true);
      expect(parsed.tag).toBeUndefined();
      expect(parsed.labels).toEqual({});
    });

    it('should keep "__proto__" as an own option without touching prototypes', () => {
      const parsed = parseLogHint('k : t[__proto__=1]');
      expect(Object.keys(parsed.options)).toEqual(['__proto__']);
      expect(Object.getPrototypeOf(parsed.options)).toBe(Object.prototype);
    });
  });

  describe('when given a malformed string hint', () => {
    const cases: ReadonlyArray<[string, string, number | null]> = [
      ['', 'LOG_HINT_EMPTY', 1],
      ['   ', 'LOG_HINT_EMPTY', null],
      ['*', 'LOG_HINT_EMPTY_KEY', 2],
      ['  * ', 'LOG_HINT_EMPTY_KEY', null],
      ['1*', 'LOG_HINT_EMPTY_KEY', 3],
      [': file', 'LOG_HINT_EMPTY_KEY', 1],
      ['*: file', 'LOG_HINT_EMPTY_KEY', 2],
      ['[a=1]', 'LOG_HINT_EMPTY_KEY', null],
      ['"model"', 'LOG_HINT_BAD_KEY', 1],
      ['mo/del', 'LOG_HINT_BAD_KEY', 1],
      ['-model', 'LOG_HINT_BAD_KEY', null],
      ['mo$del : file', 'LOG_HINT_BAD_KEY', null],
      ['abc*results', 'LOG_HINT_BAD_LEVEL', 1],
      ['1.5*results', 'LOG_HINT_BAD_LEVEL', 1],
      ['0*results', 'LOG_HINT_BAD_LEVEL', null],
      ['-1*results', 'LOG_HINT_BAD_LEVEL', null],
      ['99999999999999999999*k', 'LOG_HINT_BAD_LEVEL', null],
      ['**results', 'LOG_HINT_DOUBLE_STAR', 2],
      ['2**results', 'LOG_HINT_DOUBLE_STAR', 3],
      ['results*', 'LOG_HINT_MISPLACED_STAR', 8],
      ['key :', 'LOG_HINT_EMPTY_ARTIFACT_TYPE', 6],
      ['key : [a=1]', 'LOG_HINT_EMPTY_ARTIFACT_TYPE', 7],
      ['key : : file', 'LOG_HINT_EMPTY_ARTIFACT_TYPE', 7],
      ['key : "file"', 'LOG_HINT_BAD_ARTIFACT_TYPE', 7],
      ['key : 1file', 'LOG_HINT_BAD_ARTIFACT_TYPE', null],
      ['key : fi.le', 'LOG_HINT_BAD_ARTIFACT_TYPE', null],
      ['k : t[s="abc]', 'LOG_HINT_UNTERMINATED_STRING', 9],
      ["k : t[s='abc\\']", 'LOG_HINT_UNTERMINATED_STRING', null],
      ['k : t[s="a\\qb"]', 'LOG_HINT_BAD_ESCAPE', 11],
      ['k : t[s="\\u12"]', 'LOG_HINT_BAD_ESCAPE', null],
      ['k : t[s={a}]', 'LOG_HINT_UNEXPECTED_CHARACTER', 9],
      ['k : t[s=f(x)]', 'LOG_HINT_UNEXPECTED_CHARACTER', null],
      ['k\u0000', 'LOG_HINT_UNEXPECTED_CHARACTER', 2],
      ['key:type[k1=1', 'LOG_HINT_UNCLOSED_BRACKET', 9],
      ['key:type[', 'LOG_HINT_UNCLOSED_BRACKET', 9],
      ['key:type[k1', 'LOG_HINT_UNCLOSED_BRACKET', null],
      ['key:type[k1=', 'LOG_HINT_UNCLOSED_BRACKET', null],
      ['key:type[k1=[1, 2]', 'LOG_HINT_UNCLOSED_BRACKET', 9],
      ['key:type[k1=[1, 2', 'LOG_HINT_UNCLOSED_BRACKET', 13],
      ['key : file[a=1] extra', 'LOG_HINT_TRAILING_INPUT', 17],
      ['key : file]', 'LOG_HINT_TRAILING_INPUT', 11],
      ['key : file : yaml', 'LOG_HINT_TRAILING_INPUT', 12],
      ['my key', 'LOG_HINT_TRAILING_INPUT', 4],
      ['key = 3', 'LOG_HINT_TRAILING_INPUT', 5],
      ['key : file[a=1][b=2]', 'LOG_HINT_TRAILING_INPUT', 16],
      ['key : file another', 'LOG_HINT_TRAILING_INPUT', null],
      ['key:type[k1]', 'LOG_HINT_EXPECTED_EQUALS', 12],
      ['key:type[k1 1]', 'LOG_HINT_EXPECTED_EQUALS', null],
      ['key:type[=1]', 'LOG_HINT_EXPECTED_OPTION_NAME', 10],
      ['key:type[,a=1]', 'LOG_HINT_EXPECTED_OPTION_NAME', null],
      ['key:type[a=1,]', 'LOG_HINT_EXPECTED_OPTION_NAME', 14],
      ['key:type[a=1,,b=2]', 'LOG_HINT_EXPECTED_OPTION_NAME', null],
      ['key:type[1a=1]', 'LOG_HINT_BAD_OPTION_NAME', 10],
      ['key:type["a"=1]', 'LOG_HINT_BAD_OPTION_NAME', null],
      ['key:type[a-b=1]', 'LOG_HINT_BAD_OPTION_NAME', null],
      ['key:type[a=]', 'LOG_HINT_EXPECTED_VALUE', 12],
      ['key:type[a=,b=2]', 'LOG_HINT_EXPECTED_VALUE', null],
      ['key:type[a=*]', 'LOG_HINT_EXPECTED_VALUE', null],
      ['key:type[a=[1,]]', 'LOG_HINT_EXPECTED_VALUE', 15],
      ['key:type[a=[,]]', 'LOG_HINT_EXPECTED_VALUE', null],
      ['key:type[a=1 b=2]', 'LOG_HINT_EXPECTED_COMMA', 14],
      ['key:type[a=[1 2]]', 'LOG_HINT_EXPECTED_COMMA', null],
      ['key:type[url=http://x]', 'LOG_HINT_EXPECTED_COMMA', 18],
      ['key:type[a=b=c]', 'LOG_HINT_EXPECTED_COMMA', null],
      ['key:type[a=1, a=2]', 'LOG_HINT_DUPLICATE_OPTION', 15],
      ['key:type[format=csv, header=true, format=json]', 'LOG_HINT_DUPLICATE_OPTION', 35],
      ['key:type[n=12345678901234567890]', 'LOG_HINT_BAD_NUMBER', 12],
      ['key:type[n=1e999]', 'LOG_HINT_BAD_NUMBER', null],
      [`key:type[a=${'['.repeat(20)}${']'.repeat(20)}]`, 'LOG_HINT_TOO_DEEP', null],
    ];

    it('should have at least 40 cases', () => {
      expect(cases.length).toBeGreaterThanOrEqual(40);
    });

    it.each(cases)('should reject %j with %s', (input, code, column) => {
      const error = errorOf(input);
      expect(error).toBeInstanceOf(LogHintError);
      expect(error.code).toBe(code);
      if (column !== null) expect(error.details['column']).toBe(column);
      expect(error.details['hint']).toBe(input);
      expect(error.message).toContain('Grammar: [N]*key [: artifactType [ [option=value, ...] ]]');
      expect(error.fix).toEqual(expect.any(String));
    });
  });

  describe('when a string hint is malformed', () => {
    it('should quote the hint and put a caret under the column', () => {
      const error = errorOf('table : file[format=csv');
      const lines = error.message.split('\n');
      expect(lines[0]).toBe(
        'Invalid log hint "table : file[format=csv" at column 13: this \'[\' is never closed.',
      );
      expect(lines[1]).toBe('    table : file[format=csv');
      expect(lines[2]).toBe(`    ${' '.repeat(12)}^`);
      expect(error.message).toContain("How to fix: Close it with ']'.");
    });

    it('should keep the caret aligned when the hint has tabs or newlines', () => {
      const error = errorOf('k\t:\tt]');
      const lines = error.message.split('\n');
      expect(lines[1]).toBe('    k : t]');
      expect(lines[2]).toBe('         ^');
    });
  });

  describe('when given something that is not a hint', () => {
    it.each([[42], [null], [undefined], [['model']], [true]])(
      'should reject %j with LOG_HINT_BAD_INPUT',
      (input) => {
        expect(errorOf(input as never).code).toBe('LOG_HINT_BAD_INPUT');
      },
    );
  });

  describe('when given an object or a parsed hint', () => {
    it('should return a frozen copy that equals a parse of the same hint', () => {
      const fromString = parseLogHint('2*table : file[format=csv]');
      const fromObject = parseLogHint({
        key: 'table',
        artifactType: 'file',
        options: { format: 'csv' },
        itemized: 2,
      });
      expect(fromObject).toEqual(fromString);
      expect(parseLogHint(fromString)).toEqual(fromString);
    });

    it('should return a hint it already parsed as is, and check a modified copy again', () => {
      const parsed = parseLogHint('model : file');
      expect(parseLogHint(parsed)).toBe(parsed);
      const copy = { ...parsed, key: 'bad key' };
      expect(() => parseLogHint(copy)).toThrow(
        expect.objectContaining({ code: 'LOG_HINT_BAD_KEY' }),
      );
    });

    it("should not modify the caller's object", () => {
      const init = { key: 'm', options: { a: 1 }, labels: { team: 'x' } };
      const snapshot = structuredClone(init);
      const parsed = parseLogHint(init);
      expect(init).toEqual(snapshot);
      expect(parsed.options).not.toBe(init.options);
      expect(Object.isFrozen(init.options)).toBe(false);
    });
  });
});
