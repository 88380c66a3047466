import { BundlingError, DataItem, OptionsError } from '@stowage/core';
import { bundleInput, isReference } from '../../src/bundling/bundle-input';
import type { BundlePorts } from '../../src/bundling/bundle-ports';
import { dictOf, listOf } from '../../src/decorators/type-hint';

class Point {
  constructor(readonly x: number) {}
}

/** Ports whose store holds `store://p<N>` → Point(N); unpack ignores the hint and reads the number. */
function fakePorts(opened: string[] = []): BundlePorts {
  return {
    open: async (uri) => {
      opened.push(uri);
      const match = /^store:\/\/p(\d+)$/.exec(uri);
      if (match === null) throw new Error(`no such artifact: ${uri}`);
      return { url: uri, key: uri.slice(8), meta: undefined } as unknown as DataItem;
    },
    unpack: async (item) => new Point(Number(item.key.slice(1))),
    bundler: () => undefined,
  };
}

describe('bundleInput', () => {
  describe('when given nested lists and dicts of URIs and plain values', () => {
    it('should open only the URIs and rebuild the same shape', async () => {
      const opened: string[] = [];
      const value = await bundleInput(
        { a: ['store://p1', 2], b: { c: 'store://p3', d: 'plain text' } },
        undefined,
        fakePorts(opened),
        'in',
      );
      expect(value).toEqual({ a: [new Point(1), 2], b: { c: new Point(3), d: 'plain text' } });
      expect(opened).toEqual(['store://p1', 'store://p3']);
    });

    it('should not modify the given collection', async () => {
      const given = ['store://p1'];
      await bundleInput(given, listOf(Point), fakePorts(), 'in');
      expect(given).toEqual(['store://p1']);
    });
  });

  describe('when an item is named __proto__', () => {
    it('should keep it as an own key and leave prototypes alone', async () => {
      const given = JSON.parse('{"__proto__": "store://p4", "x": "store://p5"}') as Record<
        string,
        unknown
      >;
      const value = (await bundleInput(given, dictOf(Point), fakePorts(), 'in')) as Record<
        string,
        unknown
      >;
      expect(Object.keys(value)).toEqual(['__proto__', 'x']);
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      expect(({} as Record<string, unknown>)['x']).toBeUndefined();
    });
  });

  describe('when an item cannot be opened', () => {
    it('should throw BUNDLING_ITEM_FAILED naming the item path', async () => {
      const attempt = bundleInput(
        { a: [{ b: 'store://nope' }] },
        undefined,
        fakePorts(),
        'the input "x"',
      );
      await expect(attempt).rejects.toBeInstanceOf(BundlingError);
      await expect(
        bundleInput({ a: [{ b: 'store://nope' }] }, undefined, fakePorts(), 'the input "x"'),
      ).rejects.toMatchObject({
        code: 'BUNDLING_ITEM_FAILED',
        details: { where: 'the input "x".a[0].b' },
      });
    });
  });

  describe('when the @Bundle method throws a Stowage error with its own fix', () => {
    it('should quote only the cause summary and keep the cause whole', async () => {
      const cause = new OptionsError('The points are not sorted.', {
        code: 'OPTIONS_INVALID',
        fix: 'Sort the points before logging them.',
      });
      const ports: BundlePorts = {
        ...fakePorts(),
        bundler: () => () => {
          throw cause;
        },
      };
      const failure = (await bundleInput(['store://p1'], listOf(Point), ports, 'in').catch(
        (error: unknown) => error,
      )) as BundlingError;
      expect(failure).toBeInstanceOf(BundlingError);
      expect(failure.code).toBe('BUNDLING_FAILED');
      expect(failure.summary).toContain('The points are not sorted.');
      expect(failure.summary).not.toContain('Sort the points');
      expect(failure.cause).toBe(cause);
    });
  });

  describe('when deciding what is a reference', () => {
    it.each([
      ['store://k', true],
      ['s3://bucket/k', true],
      ['file:///tmp/x', true],
      ['/tmp/x', false],
      ['hello', false],
      [3, false],
    ])('should treat %j as a reference: %s', (value, expected) => {
      expect(isReference(value)).toBe(expected);
    });
  });
});
