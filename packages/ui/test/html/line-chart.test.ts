import { lineChart, niceTicks, shortNumber } from '../../src/html/line-chart';

describe('niceTicks', () => {
  describe('when given a range', () => {
    it('should cover it with round steps', () => {
      expect(niceTicks(0.8, 0.9)).toEqual([0.8, 0.82, 0.84, 0.86, 0.88, 0.9]);
      expect(niceTicks(-3, 17)).toEqual([-5, 0, 5, 10, 15, 20]);
    });

    it('should widen a range of one value around it', () => {
      const ticks = niceTicks(5, 5);
      expect(ticks[0]).toBeLessThan(5);
      expect(ticks[ticks.length - 1]).toBeGreaterThan(5);
    });
  });
});

describe('shortNumber', () => {
  describe('when a number is long', () => {
    it('should keep 4 significant digits, or use an exponent when very big or small', () => {
      expect(shortNumber(0.123456)).toBe('0.1235');
      expect(shortNumber(12345678)).toBe('1.23e+7');
      expect(shortNumber(0.00001234)).toBe('1.23e-5');
    });
  });
});

describe('lineChart', () => {
  describe('when a point has no value', () => {
    it('should break the line there and draw no dot for it', () => {
      const svg = lineChart({
        title: 't',
        xTitle: 'x',
        yTitle: 'y',
        points: [
          { label: 'a', value: 1 },
          { label: 'b', value: undefined },
          { label: 'c', value: 3 },
          { label: 'd', value: 2 },
        ],
      }).text;
      expect(svg.match(/<circle/g)).toHaveLength(3);
      const d = /class="series" d="([^"]+)"/.exec(svg)?.[1] ?? '';
      expect(d.match(/M/g)).toHaveLength(2);
      expect(d.match(/L/g)).toHaveLength(1);
    });
  });

  describe('when labels and titles hold markup', () => {
    it('should escape them all and link points only to the given address', () => {
      const xss = '<img src=x onerror=alert(1)>';
      const svg = lineChart({
        title: xss,
        xTitle: xss,
        yTitle: xss,
        points: [{ label: xss, name: xss, value: 1, href: '/run?id=a&b' }],
      }).text;
      expect(svg).not.toContain('<img');
      expect(svg).toContain('href="/run?id=a&amp;b"');
    });
  });

  describe('when nothing is numeric', () => {
    it('should say so instead of drawing', () => {
      expect(
        lineChart({
          title: 't',
          xTitle: 'x',
          yTitle: 'y',
          points: [{ label: 'a', value: undefined }],
        }).text,
      ).toContain('No numeric values to chart.');
    });
  });
});
