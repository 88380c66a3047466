// The "must fail" side of the kit: each broken packager breaks one rule, and the matching check
// must reject it with a ConformanceError naming that check (while the correct PointPackager passes).
import fc from 'fast-check';
import {
  checkNoMutation,
  checkNoTempLeft,
  checkRecord,
  checkRoundTrip,
  checkRoundTripProperty,
  checkUnknownOptionRejected,
  ConformanceError,
} from '@stowage/testing';
import type { PackCase } from '@stowage/testing';
import type { ConcreteConstructor } from '@stowage/core';
import {
  BadRecordPointPackager,
  LaxPointPackager,
  LeakyPointPackager,
  MutatingPointPackager,
  SwappingPointPackager,
  Point,
  PointPackager,
} from '../helpers/point-packagers';

const caseFor = (packagerClass: ConcreteConstructor): PackCase<Point> => ({
  packagerClass,
  label: 'a point',
  value: new Point(1.5, 2),
  artifactType: 'file',
  environment: { builtins: false },
});

async function failure(work: Promise<unknown>): Promise<ConformanceError> {
  const error: unknown = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConformanceError);
  return error as ConformanceError;
}

describe('conformance checks', () => {
  describe('when the packager is correct', () => {
    it('should pass every check', async () => {
      const c = caseFor(PointPackager);
      await expect(checkRecord(c)).resolves.toMatchObject({
        kind: 'artifact',
        packager: 'PointPackager',
      });
      await expect(checkRoundTrip(c)).resolves.toEqual(new Point(1.5, 2));
      await expect(checkNoMutation(c)).resolves.toBeUndefined();
      await expect(checkNoTempLeft(c)).resolves.toBeUndefined();
      await expect(checkUnknownOptionRejected(c)).resolves.toBeUndefined();
    });
  });

  describe('when the packager mutates the value it packs', () => {
    it('should fail the no-mutation check, showing the value before and after', async () => {
      const error = await failure(checkNoMutation(caseFor(MutatingPointPackager)));
      expect(error.check).toBe('no-mutation');
      expect(error.message).toContain('before: Point { x: 1.5, y: 2 }');
      expect(error.message).toContain('after:  Point { x: 3, y: 2 }');
    });
  });

  describe('when the packager leaves a temporary file behind', () => {
    it('should fail the no-temp-left check, naming the leftover file', async () => {
      const error = await failure(checkNoTempLeft(caseFor(LeakyPointPackager)));
      expect(error.check).toBe('no-temp-left');
      expect(error.message).toMatch(
        /left temporary files behind: leaky-\w+, leaky-\w+\/scratch\.json/,
      );
    });
  });

  describe('when the packager returns instructions a JSON record cannot keep', () => {
    it('should fail the record check, naming the offending instruction', async () => {
      const error = await failure(checkRecord(caseFor(BadRecordPointPackager)));
      expect(error.check).toBe('record');
      expect(error.message).toContain('instructions.writtenAt (a Date)');
    });
  });

  describe('when the packager unpacks different data', () => {
    it('should fail the round-trip check, showing both values', async () => {
      const error = await failure(checkRoundTrip(caseFor(SwappingPointPackager)));
      expect(error.check).toBe('round-trip');
      expect(error.message).toContain('packed:   Point { x: 1.5, y: 2 }');
      expect(error.message).toContain('unpacked: Point { x: 2, y: 1.5 }');
    });
  });

  describe('when the packager accepts options it does not know', () => {
    it('should fail the unknown-option check', async () => {
      const error = await failure(checkUnknownOptionRejected(caseFor(LaxPointPackager)));
      expect(error.check).toBe('unknown-option');
      expect(error.message).toContain('the unknown option "stowageKitUnknownOption" was accepted');
    });
  });

  describe('when generated values include ones the format cannot keep', () => {
    it('should fail with a shrunk counterexample and the seed to replay it', async () => {
      const { value: _sample, label: _label, ...rest } = caseFor(PointPackager);
      const points = fc.record({ x: fc.double(), y: fc.integer() }).map((p) => new Point(p.x, p.y));
      const error: unknown = await checkRoundTripProperty(rest, points, {
        numRuns: 200,
        seed: 42,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/seed: 42, path: "[\d:]+"/);
      expect((error as Error).message).toMatch(/Counterexample: \[\{"x":(Number\.\w+|-0|NaN)/);
      expect((error as Error).cause).toBeInstanceOf(ConformanceError);
    });
  });
});
