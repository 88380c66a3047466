import { LogHintError } from '@stowage/core';
import { LOG_HINT_FIELDS, type LogHintInit } from '../../src/log-hints/log-hint';
import { parseLogHint } from '../../src/log-hints/parse-log-hint';
import { validateArtifactKey, validateTag } from '../../src/artifacts/artifact-names';

function codeOf(input: unknown): string {
  try {
    parseLogHint(input as LogHintInit);
  } catch (e) {
    if (LogHintError.is(e)) return e.code;
    throw e;
  }
  return 'no error';
}

describe('parseLogHint (object form)', () => {
  describe('when every field is given', () => {
    it('should keep every field and fill nothing in', () => {
      const init: LogHintInit = {
        key: 'model',
        artifactType: 'model',
        options: { format: 'json', layers: [1, 2] },
        tag: 'v2',
        itemized: 3,
        labels: { team: 'geo' },
        extraData: { table: '...', readme: 'store://docs' },
        metrics: { accuracy: '...' },
      };
      expect(parseLogHint(init)).toEqual(init);
    });
  });

  describe('when only the key is given', () => {
    it('should fill in the documented defaults', () => {
      expect(parseLogHint({ key: 'k' })).toEqual({
        key: 'k',
        artifactType: undefined,
        options: {},
        tag: undefined,
        itemized: false,
        labels: {},
        extraData: {},
        metrics: {},
      });
    });
  });

  describe('when the tag is ""', () => {
    it('should read it as no tag, as MLRun does', () => {
      expect(parseLogHint({ key: 'k', tag: '' }).tag).toBeUndefined();
    });
  });

  describe('when itemized is 0', () => {
    it('should read it as false', () => {
      expect(parseLogHint({ key: 'k', itemized: 0 }).itemized).toBe(false);
    });
  });

  describe('when a field is unknown', () => {
    it('should list the valid fields and suggest the likely one', () => {
      let error: unknown;
      try {
        parseLogHint({ key: 'k', artifact_type: 'file' } as unknown as LogHintInit);
      } catch (e) {
        error = e;
      }
      expect(LogHintError.is(error)).toBe(true);
      const e = error as LogHintError;
      expect(e.code).toBe('LOG_HINT_UNKNOWN_FIELD');
      expect(e.message).toContain('"k"');
      expect(e.fix).toContain('Did you mean "artifactType"?');
      expect(e.details['validFields']).toEqual([...LOG_HINT_FIELDS]);
    });

    it('should point legacy packing kwargs at "options"', () => {
      expect(() => parseLogHint({ key: 'k', format: 'csv' } as unknown as LogHintInit)).toThrow(
        /put packing options under "options"/,
      );
    });
  });

  describe('when a field is invalid', () => {
    const cases: ReadonlyArray<[string, unknown, string]> = [
      ['no key', {}, 'LOG_HINT_EMPTY_KEY'],
      ['an empty key', { key: '' }, 'LOG_HINT_EMPTY_KEY'],
      ['a numeric key', { key: 5 }, 'LOG_HINT_BAD_FIELD'],
      ['a starred key', { key: '*items' }, 'LOG_HINT_BAD_KEY'],
      ['a key with a space', { key: 'a b' }, 'LOG_HINT_BAD_KEY'],
      ['a key ending with "."', { key: 'model.' }, 'LOG_HINT_BAD_KEY'],
      ['a key of 201 characters', { key: 'm'.repeat(201) }, 'LOG_HINT_BAD_KEY'],
      ['a bad artifact type', { key: 'k', artifactType: 'a b' }, 'LOG_HINT_BAD_ARTIFACT_TYPE'],
      [
        'an artifact type that is not a string',
        { key: 'k', artifactType: 1 },
        'LOG_HINT_BAD_ARTIFACT_TYPE',
      ],
      ['options that are an array', { key: 'k', options: [1] }, 'LOG_HINT_BAD_FIELD'],
      ['options that are a Map', { key: 'k', options: new Map() }, 'LOG_HINT_BAD_FIELD'],
      [
        'an option name that is not an identifier',
        { key: 'k', options: { 'a-b': 1 } },
        'LOG_HINT_BAD_OPTION_NAME',
      ],
      ['a tag with a space', { key: 'k', tag: 'v 2' }, 'LOG_HINT_BAD_TAG'],
      ['a tag ending with "."', { key: 'k', tag: 'v1.' }, 'LOG_HINT_BAD_TAG'],
      ['a tag of 201 characters', { key: 'k', tag: 'a'.repeat(201) }, 'LOG_HINT_BAD_TAG'],
      ['a negative level', { key: 'k', itemized: -1 }, 'LOG_HINT_BAD_LEVEL'],
      ['a fractional level', { key: 'k', itemized: 1.5 }, 'LOG_HINT_BAD_LEVEL'],
      ['a string level', { key: 'k', itemized: 'yes' }, 'LOG_HINT_BAD_LEVEL'],
      ['a numeric label', { key: 'k', labels: { n: 1 } }, 'LOG_HINT_BAD_FIELD'],
      ['labels that are a string', { key: 'k', labels: 'team=x' }, 'LOG_HINT_BAD_FIELD'],
      ['extra data that is null', { key: 'k', extraData: null }, 'LOG_HINT_BAD_FIELD'],
      ['metrics that are an array', { key: 'k', metrics: [] }, 'LOG_HINT_BAD_FIELD'],
    ];
    it.each(cases)('should reject %s', (_label, input, code) => {
      expect(codeOf(input)).toBe(code);
    });
  });

  // The hint used to have its own tag pattern, which disagreed with the repository's: "v1." passed
  // the hint and failed at commit, after packing; "_nightly" was refused by the hint only.
  describe('when the tag is checked against the repository rule', () => {
    const tags = [
      'v2',
      '_nightly',
      'release-1.2',
      'a'.repeat(200),
      'a'.repeat(201),
      'v1.',
      '.v1',
      '-v1',
      'v/1',
      'v:1',
      'v@1',
    ];
    it.each(tags)('should accept %s exactly when the repository accepts it', (tag) => {
      let repository = true;
      try {
        validateTag(tag);
      } catch {
        repository = false;
      }
      expect(codeOf({ key: 'k', tag }) === 'no error').toBe(repository);
    });

    it('should accept a tag starting with "_"', () => {
      expect(parseLogHint({ key: 'k', tag: '_nightly' }).tag).toBe('_nightly');
    });
  });

  describe('when the key is checked against the repository rule', () => {
    const keys = [
      'model',
      '_private',
      'a.b-c_d',
      'm'.repeat(200),
      'm'.repeat(201),
      'model.',
      '.model',
      '-model',
      'a/b',
      'a:b',
      'a@b',
    ];
    it.each(keys)('should accept %s exactly when the repository accepts it', (key) => {
      let repository = true;
      try {
        validateArtifactKey(key);
      } catch {
        repository = false;
      }
      expect(codeOf({ key }) === 'no error').toBe(repository);
    });
  });
});
