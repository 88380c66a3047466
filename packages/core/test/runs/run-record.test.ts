import {
  parseRunRecord,
  RUN_SCHEMA_VERSION,
  serializeRunRecord,
  type RunRecord,
} from '../../src/runs/run-record';

function bytesOf(json: unknown): Uint8Array {
  return Buffer.from(JSON.stringify(json));
}

const base = { id: 'r1', name: 'job', status: 'completed', startedAt: '2026-01-01T00:00:00Z' };

describe(parseRunRecord, () => {
  describe('when the record is of the current schema', () => {
    it('should return structured collection inputs as stored', () => {
      const inputs = {
        one: 'store://a@1',
        list: ['store://b@1', 'store://c@1', 3],
        dict: { x: 'store://x@1', nested: ['file:///tmp/y.json'] },
        looksLikeJson: '["not", "a", "list"]',
      };
      const record = parseRunRecord(
        serializeRunRecord({
          ...base,
          schemaVersion: RUN_SCHEMA_VERSION,
          inputs,
        } as unknown as RunRecord),
        'test',
      );
      expect(RUN_SCHEMA_VERSION).toBe(3);
      expect(record.inputs).toEqual(inputs);
    });
  });

  describe('when the record is of schema version 1', () => {
    it('should read collection inputs stored as JSON text as lists and dicts', () => {
      const record = parseRunRecord(
        bytesOf({
          ...base,
          schemaVersion: 1,
          inputs: {
            one: 'store://a@1',
            list: '["store://b@1","store://c@1"]',
            dict: '{"x":"store://x@1"}',
            path: '[draft] notes.txt',
            scalar: '42',
          },
        }),
        'test',
      );
      expect(record.inputs).toEqual({
        one: 'store://a@1',
        list: ['store://b@1', 'store://c@1'],
        dict: { x: 'store://x@1' },
        path: '[draft] notes.txt',
        scalar: '42',
      });
    });

    it('should keep an input named __proto__ as an own key', () => {
      const text =
        '{"schemaVersion":1,"id":"r1","status":"completed","inputs":{"__proto__":"[1]"}}';
      const record = parseRunRecord(Buffer.from(text), 'test');
      expect(Object.getPrototypeOf(record.inputs)).toBe(Object.prototype);
      expect(Object.getOwnPropertyDescriptor(record.inputs, '__proto__')?.value).toEqual([1]);
    });
  });

  describe('when the record has no inputs', () => {
    it('should give an empty object', () => {
      expect(parseRunRecord(bytesOf({ ...base, schemaVersion: 1 }), 'test').inputs).toEqual({});
    });
  });
});

describe(serializeRunRecord, () => {
  describe('when one bit of a stored run record flips', () => {
    it('should detect every single-bit flip of every byte', () => {
      const bytes = serializeRunRecord({
        ...base,
        schemaVersion: RUN_SCHEMA_VERSION,
        labels: { env: 'prod' },
        params: { seed: { $bigint: '7' }, lr: 0.1 },
        inputs: { data: 'store://data@20260101T000000000Z-abc' },
        results: { loss: 0.25, when: { $date: '2026-01-01T00:00:00.000Z' } },
        artifacts: [],
      } as unknown as RunRecord);
      const intact = JSON.stringify(parseRunRecord(bytes, 'test'), (_k, v: unknown) =>
        typeof v === 'bigint' ? `${v}n` : v,
      );
      let detected = 0;
      let undetected = 0;
      for (let i = 0; i < bytes.length; i++) {
        for (let bit = 0; bit < 8; bit++) {
          const flipped = Buffer.from(bytes);
          flipped[i] = (flipped[i] as number) ^ (1 << bit);
          try {
            const back = JSON.stringify(parseRunRecord(flipped, 'test'), (_k, v: unknown) =>
              typeof v === 'bigint' ? `${v}n` : v,
            );
            if (back !== intact) undetected += 1;
          } catch (error) {
            expect(error).toMatchObject({
              code: expect.stringMatching(/^RECORD_(CORRUPT|INVALID)$/),
            });
            detected += 1;
          }
        }
      }
      expect(undetected).toBe(0);
      expect(detected).toBe(bytes.length * 8);
    });
  });
});
