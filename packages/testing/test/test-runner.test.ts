import { ConformanceError, nodeTestRunner, useTestRunner } from '@stowage/testing';
import type { ConformanceExpectation, NodeTestModule } from '@stowage/testing';

describe('useTestRunner', () => {
  describe('when a runner lacks a function', () => {
    it('should throw a ConformanceError naming what is missing', () => {
      const partial = { describe, it } as unknown as Parameters<typeof useTestRunner>[0];
      let thrown: unknown;
      try {
        useTestRunner(partial);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ConformanceError);
      expect((thrown as ConformanceError).check).toBe('test-runner');
      expect((thrown as Error).message).toContain('expect, beforeEach, afterEach');
    });
  });
});

describe('nodeTestRunner', () => {
  describe('when the suites pass a timeout as the last argument', () => {
    it('should hand it to node:test as an option', () => {
      const calls: unknown[][] = [];
      const record =
        (name: string) =>
        (...args: unknown[]): void => {
          calls.push([name, ...args.map((a) => (typeof a === 'function' ? 'fn' : a))]);
        };
      const fake = {
        describe: record('describe'),
        it: record('it'),
        beforeEach: record('beforeEach'),
        afterEach: record('afterEach'),
      } as unknown as NodeTestModule;
      const runner = nodeTestRunner(fake, (() => ({})) as unknown as (
        actual: unknown,
      ) => ConformanceExpectation);
      runner.describe('suite', () => undefined);
      runner.it('case', () => undefined, 5000);
      runner.it('untimed', () => undefined);
      runner.beforeEach(() => undefined, 100);
      runner.afterEach(() => undefined);
      expect(calls).toEqual([
        ['describe', 'suite', 'fn'],
        ['it', 'case', { timeout: 5000 }, 'fn'],
        ['it', 'untimed', {}, 'fn'],
        ['beforeEach', 'fn', { timeout: 100 }],
        ['afterEach', 'fn', {}],
      ]);
    });
  });
});
