import { malformed, objectAndBuilder, strings } from './log-hints';

describe('docs/log-hints.md examples', () => {
  describe('when string hints are parsed', () => {
    it('should read keys, types, typed options and levels', () => {
      const [model, typed, table, note, grid, metrics, nested] = strings();
      expect(model).toMatchObject({ key: 'model', artifactType: undefined, itemized: false });
      expect(typed).toMatchObject({ key: 'model', artifactType: 'file' });
      expect(table?.options).toEqual({ format: 'csv', header: true });
      expect(note?.options).toEqual({ text: 'a, b: [c]' });
      expect(grid?.options).toEqual({ shape: [2, 3], fill: null });
      expect(metrics).toMatchObject({ key: 'metrics', itemized: true });
      expect(nested).toMatchObject({ key: 'nested', itemized: 2, options: { format: 'yaml' } });
    });
  });

  describe('when a hint is malformed', () => {
    it('should point at the column', () => {
      const error = malformed();
      expect(error?.code).toBe('LOG_HINT_UNCLOSED_BRACKET');
      expect(error?.details['column']).toBe(13);
      expect(error?.message.split('\n')[2]).toBe(`    ${' '.repeat(12)}^`);
    });
  });

  describe('when the object form and the builder describe one hint', () => {
    it('should give equal hints, and format a string hint', () => {
      const [fromObject, built, text] = objectAndBuilder();
      expect(built).toEqual(fromObject);
      expect(text).toBe('note : result[text="a, b"]');
    });
  });
});
