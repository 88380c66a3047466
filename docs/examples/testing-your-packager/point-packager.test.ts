// The conformance suite of the PointPackager from docs/concepts.md, as a user would write it.
// #region basic
import { describePackager } from '@stowage/testing';
import { Point, PointPackager } from '../concepts/point-packager';

describePackager(PointPackager, {
  samples: {
    origin: new Point(0, 0),
    'far away': new Point(1e21, -3.5),
  },
  // Each artifact type is packed once per option set: here "file" with the default (json) and csv.
  options: { file: [{}, { format: 'csv' }] },
});
// #endregion
