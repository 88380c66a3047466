import { UnbundlingError } from '@stowage/core';
import { leafKeys, renderShape } from '../../src/bundling/bundle-shape';
import { planUnbundle, type Unbundler } from '../../src/bundling/plan-unbundle';
import { parseLogHint } from '../../src/log-hints/parse-log-hint';

const arraysAndRecords: Unbundler = (value) => {
  if (Array.isArray(value)) return { from: 'list', items: value };
  if (
    typeof value === 'object' &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    return { from: 'dict', entries: Object.entries(value) };
  }
  return undefined;
};
const nested = { a: [1.11, [2.22, 3.33, 4.44], 5.55], b: { c: 6.23, d: [7.77, 8.88] } };

function keysOf(hint: string, value: unknown): string[] {
  return planUnbundle(value, parseLogHint(hint), arraysAndRecords).leaves.map((l) => l.hint.key);
}

describe('planUnbundle', () => {
  describe('when the hint is *list on a two-item array', () => {
    it('should plan list_0 and list_1 and record a list shape', () => {
      const plan = planUnbundle(['a', 'b'], parseLogHint('*list : result'), arraysAndRecords);
      expect(plan.leaves).toEqual([
        {
          hint: expect.objectContaining({ key: 'list_0', itemized: false, artifactType: 'result' }),
          value: 'a',
        },
        {
          hint: expect.objectContaining({ key: 'list_1', itemized: false, artifactType: 'result' }),
          value: 'b',
        },
      ]);
      expect(plan.shape).toEqual({
        kind: 'list',
        items: [
          { kind: 'leaf', key: 'list_0' },
          { kind: 'leaf', key: 'list_1' },
        ],
      });
    });
  });

  describe('when a nested dict is split all the way down', () => {
    it('should name every leaf after its path', () => {
      expect(keysOf('*dict', nested)).toEqual([
        'dict_a_0',
        'dict_a_1_0',
        'dict_a_1_1',
        'dict_a_1_2',
        'dict_a_2',
        'dict_b_c',
        'dict_b_d_0',
        'dict_b_d_1',
      ]);
    });

    it('should render a structure equal to the original when leaves map to their values', () => {
      const plan = planUnbundle(nested, parseLogHint('*dict'), arraysAndRecords);
      const values = new Map(plan.leaves.map((l) => [l.hint.key, l.value]));
      expect(renderShape(plan.shape!, (key) => values.get(key))).toEqual(nested);
      expect(leafKeys(plan.shape!)).toEqual([...values.keys()]);
    });
  });

  describe('when the depth is limited', () => {
    it('should keep deeper collections whole at depth 2', () => {
      expect(keysOf('2*dict', nested)).toEqual([
        'dict_a_0',
        'dict_a_1',
        'dict_a_2',
        'dict_b_c',
        'dict_b_d',
      ]);
    });

    it('should split only the top level at depth 1', () => {
      const plan = planUnbundle(nested, parseLogHint('1*dict'), arraysAndRecords);
      expect(plan.leaves.map((l) => [l.hint.key, l.value])).toEqual([
        ['dict_a', nested.a],
        ['dict_b', nested.b],
      ]);
    });
  });

  describe('when the value cannot be unbundled', () => {
    it('should plan it whole under its key with no shape', () => {
      const plan = planUnbundle(42, parseLogHint('*answer'), arraysAndRecords);
      expect(plan.shape).toBeUndefined();
      expect(plan.leaves).toEqual([
        { hint: expect.objectContaining({ key: 'answer', itemized: false }), value: 42 },
      ]);
    });
  });

  describe('when the collection is empty', () => {
    it('should plan no leaves and an empty shape', () => {
      const plan = planUnbundle([], parseLogHint('*none'), arraysAndRecords);
      expect(plan.leaves).toEqual([]);
      expect(plan.shape).toEqual({ kind: 'list', items: [] });
    });
  });

  describe('when the hint is not itemized', () => {
    it('should plan the value whole', () => {
      expect(keysOf('whole', [1, 2])).toEqual(['whole']);
    });
  });

  describe('when item names make bad or colliding keys', () => {
    it('should throw UNBUNDLING_BAD_ITEM_KEY for a name with a slash', () => {
      expect(() => planUnbundle({ 'a/b': 1 }, parseLogHint('*d'), arraysAndRecords)).toThrow(
        expect.objectContaining({ code: 'UNBUNDLING_BAD_ITEM_KEY' }),
      );
    });

    it('should throw UNBUNDLING_KEY_COLLISION when a_1 meets the list a', () => {
      const attempt = (): unknown =>
        planUnbundle({ a: [0, 1], a_1: 2 }, parseLogHint('*d'), arraysAndRecords);
      expect(attempt).toThrow(UnbundlingError);
      expect(attempt).toThrow(expect.objectContaining({ code: 'UNBUNDLING_KEY_COLLISION' }));
    });
  });

  describe('when planning', () => {
    it('should not modify the value', () => {
      const value = structuredClone(nested);
      planUnbundle(value, parseLogHint('*dict'), arraysAndRecords);
      expect(value).toEqual(nested);
    });

    it('should keep an item named __proto__ as an own key of the rendered structure', () => {
      const value = JSON.parse('{"__proto__": [1, 2], "x": 3}') as unknown;
      const plan = planUnbundle(value, parseLogHint('1*d'), arraysAndRecords);
      const rendered = renderShape(plan.shape!, (key) => key) as Record<string, unknown>;
      expect(Object.keys(rendered)).toEqual(['__proto__', 'x']);
      expect(Object.getPrototypeOf(rendered)).toBe(Object.prototype);
    });
  });
});
