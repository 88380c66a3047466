import { FileDataItem } from '../../src/data/file.data-item';
import { recordedInput } from '../../src/handlers/bind-inputs';

describe(recordedInput, () => {
  describe('when the input is one reference', () => {
    it('should record a URI as given and a data item as its URL', () => {
      const item = new FileDataItem('/tmp/points.json');
      expect(recordedInput('store://points@v1')).toBe('store://points@v1');
      expect(recordedInput(item)).toBe(item.url);
    });
  });

  describe('when the input is a collection', () => {
    it('should keep its structure with a URL per data item and JSON values for plain leaves', () => {
      const item = new FileDataItem('/tmp/b.json');
      const source = {
        list: ['store://a@1', item],
        nested: { score: 0.5, when: new Date('2026-01-01T00:00:00.000Z'), gone: undefined },
        odd: [undefined, Number.NaN, 10n],
      };
      expect(recordedInput(source)).toEqual({
        list: ['store://a@1', item.url],
        nested: { score: 0.5, when: '2026-01-01T00:00:00.000Z' },
        odd: [null, 'NaN', '10'],
      });
    });

    it('should keep a __proto__ item as an own key and not change the caller value', () => {
      const source = JSON.parse('{"__proto__": "store://p@1"}') as Record<string, unknown>;
      const recorded = recordedInput(source) as Record<string, unknown>;
      expect(Object.getPrototypeOf(recorded)).toBe(Object.prototype);
      expect(Object.getOwnPropertyDescriptor(recorded, '__proto__')?.value).toBe('store://p@1');
      expect(source).toEqual(JSON.parse('{"__proto__": "store://p@1"}'));
    });
  });
});
