import { type RunRecord } from '@stowage/core';
import { decodeTaggedJson } from '@stowage/core/internal';
import { runRecordJson } from '../../src/output/run-json';
import { toJson } from '../../src/output/printer';

describe('runRecordJson', () => {
  describe('when results and params hold types plain JSON cannot', () => {
    it('should print them in the tagged form that decodes back to the same values', () => {
      const results = {
        big: 12345678901234567890n,
        map: new Map<unknown, unknown>([[1, 'one']]),
        set: new Set(['a']),
        when: new Date('2026-01-02T03:04:05.000Z'),
      };
      const run = {
        id: 'r1',
        name: 'train',
        status: 'completed',
        params: { seed: 7n },
        results,
      } as unknown as RunRecord;
      const printed = JSON.parse(toJson(runRecordJson(run))) as Record<string, unknown>;
      expect(decodeTaggedJson(printed['results'], 'results')).toEqual(results);
      expect(decodeTaggedJson(printed['params'], 'params')).toEqual({ seed: 7n });
    });
  });
});
