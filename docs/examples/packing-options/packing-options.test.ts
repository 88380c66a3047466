import { main } from './set-options';

describe('docs/packing-options.md examples', () => {
  describe('when options are set in a string hint and in an object hint', () => {
    it('should convert them to their declared types and apply them', async () => {
      const { asJson, asCsv, outputs } = await main();
      expect(JSON.parse(asJson)).toEqual([
        { id: 1, name: 'ada' },
        { id: 2, name: 'grace' },
      ]);
      expect(asCsv).toBe('1,ada,math\n2,grace,navy');
      expect(
        outputs.map((o) => o.kind === 'artifact' && o.artifact.packaging?.instructions),
      ).toEqual([
        { format: 'json', compressionLevel: 9 },
        { format: 'csv', compressionLevel: 6 },
      ]);
    });
  });
});
