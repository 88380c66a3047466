import { parseDataUri } from '../../src/data/data-uri';

describe(parseDataUri, () => {
  describe('when given store references', () => {
    it.each([
      ['store://model', { scheme: 'store', key: 'model' }],
      ['store://model:prod', { scheme: 'store', key: 'model', tag: 'prod' }],
      ['store://model: (an empty tag is no tag)', { scheme: 'store', key: 'model' }],
      [
        'store://model@20261127T101530123Z-abcdefghij',
        { scheme: 'store', key: 'model', version: '20261127T101530123Z-abcdefghij' },
      ],
      [
        'store://model:prod#weights/w.bin',
        { scheme: 'store', key: 'model', tag: 'prod', file: 'weights/w.bin' },
      ],
    ])('should parse %s', (uri, expected) => {
      expect(parseDataUri(uri.split(' ')[0] as string)).toEqual(expected);
    });

    it.each([
      'store://../x',
      'store://a:b@c',
      'store://a@notaversion',
      'store://a#../../x',
      'store://',
    ])('should reject %s with InvalidKeyError', (uri) => {
      expect(() => parseDataUri(uri)).toThrow(expect.objectContaining({ code: 'KEY_INVALID' }));
    });
  });

  describe('when given files and other schemes', () => {
    it('should return paths and hand other schemes to resolvers', () => {
      expect(parseDataUri('data/x.csv')).toEqual({ scheme: 'file', path: 'data/x.csv' });
      expect(parseDataUri('file:///tmp/a%20b.csv')).toEqual({
        scheme: 'file',
        path: '/tmp/a b.csv',
      });
      expect(parseDataUri('S3://bucket/k')).toEqual({ scheme: 's3', uri: 'S3://bucket/k' });
    });
  });
});
