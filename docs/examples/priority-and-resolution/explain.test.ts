import { main } from './explain';

describe('docs/priority-and-resolution.md examples', () => {
  describe('when a Circle is explained as a file', () => {
    it('should choose ShapePackager by priority and print the ranked candidates', () => {
      const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
      const explanation = main();
      const printed = log.mock.calls.map(([text]) => text as string);
      log.mockRestore();
      expect(explanation.chosen?.packager).toBe('ShapePackager');
      expect(explanation.candidates.map((c) => c.packager)).toEqual(
        expect.arrayContaining(['ShapePackager', 'CirclePackager']),
      );
      expect(printed).toEqual([
        [
          'Packing "c" (a Circle) as "file":',
          '  -> ShapePackager packs it as "file" (method)',
          '',
          '     packager        type    priority  specificity  reason',
          '  *  ShapePackager   Shape   2         1            chosen: best rank (priority 2, specificity 1)',
          '     CirclePackager  Circle  4         0            outranked by ShapePackager (priority 2 beats 4)',
          '     stowage.object  Object  5         fallback     tried last, only when no packager above accepts the value',
        ].join('\n'),
      ]);
    });
  });
});
