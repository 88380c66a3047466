// Property-based round trips of the PointPackager: csv keeps every number, json does not.
// #region property
import fc from 'fast-check';
import { describePackager } from '@stowage/testing';
import { Point, PointPackager } from '../concepts/point-packager';

const anyPoint = fc.tuple(fc.double(), fc.double()).map(([x, y]) => new Point(x, y));

describePackager(PointPackager, {
  arbitrary: anyPoint,
  artifactTypes: ['file'],
  options: { file: [{ format: 'csv' }] },
  property: { numRuns: 300 },
  // NaN is a valid coordinate here, so compare with Object.is instead of deep equality.
  equals: (actual, expected) =>
    actual instanceof Point && Object.is(actual.x, expected.x) && Object.is(actual.y, expected.y),
});
// #endregion
