import { MemoryStore } from '@stowage/core';
import { countBetween, listSpan, pageFor, planSpans } from '../../src/data/range-listing';
import { etagStore } from '../helpers/etag-store';

const ids = Array.from({ length: 100 }, (_, i) => `runs/${i.toString().padStart(3, '0')}.json`);

describe(planSpans, () => {
  const between = (a: string, b: string): number => countBetween(ids, a, b);

  describe('when the paths are neighbours', () => {
    it('should make one span of them, sized first to last', () => {
      const spans = planSpans(ids.slice(10, 60), between);
      expect(spans).toEqual([{ paths: ids.slice(10, 60), objects: 50 }]);
    });
  });

  describe('when the paths lie far apart', () => {
    it('should leave each alone (read, not listed)', () => {
      const spans = planSpans([ids[0], ids[50], ids[99]] as string[], between);
      expect(spans.map((s) => s.paths.length)).toEqual([1, 1, 1]);
    });
  });

  describe('when a span would grow past its limit', () => {
    it('should cut it into spans listed in parallel', () => {
      const every5 = ids.filter((_, i) => i % 5 === 0);
      const spans = planSpans(every5, between, { maxObjects: 30, maxGap: 10 });
      expect(spans.flatMap((s) => s.paths)).toEqual(every5);
      expect(spans.every((s) => s.objects <= 30)).toBe(true);
      expect(spans.length).toBeGreaterThan(1);
    });
  });

  describe('when a path is not in the index', () => {
    it('should not bridge it', () => {
      expect(countBetween(ids, 'runs/x.json', ids[1] as string)).toBe(Number.POSITIVE_INFINITY);
    });
  });
});

describe(listSpan, () => {
  it('should list the span with one request sized to it, stopping past its last path', async () => {
    const inner = new MemoryStore();
    for (const id of ids.slice(0, 30)) await inner.put(id, Buffer.from(id));
    const s3like = etagStore(inner);
    const sizes: (number | undefined)[] = [];
    const store = Object.create(s3like.store) as typeof s3like.store;
    store.list = (prefix, options) => {
      sizes.push(options?.pageSize);
      return s3like.store.list(prefix, options);
    };

    const { found, etags } = await listSpan(store, 'runs/', {
      paths: [ids[5], ids[7], ids[9]] as string[],
      objects: 5,
    });

    expect(etags).toBe(true);
    expect([...found.keys()]).toEqual([ids[5], ids[7], ids[9]]);
    expect(sizes).toEqual([pageFor(5)]);
  });
});
