import fc from 'fast-check';
import { describePackager } from '@stowage/testing';
import {
  LegacyPointReader,
  Point,
  PointPackager,
  PointSvgPackager,
} from './helpers/point-packagers';

// The kit run on correct packagers: every generated test must pass.

describePackager(PointPackager, {
  samples: { origin: new Point(0, 0), far: new Point(1e9, -3.5) },
  options: { file: [{}, { format: 'csv' }] },
  // JSON keeps neither NaN, ±Infinity nor -0, so the generated coordinates avoid them (the
  // "broken packagers" tests show the property run catching exactly that).
  arbitrary: fc
    .record({ x: fc.double({ noNaN: true, noDefaultInfinity: true }), y: fc.integer() })
    .filter(({ x }) => !Object.is(x, -0))
    .map(({ x, y }) => new Point(x, y)),
  property: { numRuns: 50 },
  builtins: false,
});

describePackager(PointSvgPackager, { samples: [new Point(3, 4)], builtins: false });

describePackager(LegacyPointReader, {
  unpackFixtures: [
    {
      name: 'a packaged legacy file',
      artifactType: 'legacy',
      body: '1;2',
      expected: new Point(1, 2),
    },
    {
      name: 'a legacy file logged by hand',
      artifactType: 'legacy',
      body: '5;-6',
      packaged: false,
      expected: new Point(5, -6),
    },
  ],
  builtins: false,
});
