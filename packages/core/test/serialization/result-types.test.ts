import 'reflect-metadata';
import { promises as fs, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalPath } from '../../src/values/local-path';
import { handler } from '../../src/handlers/handler.function';
import { run } from '../../src/handlers/run';
import { PackagersManager } from '../../src/manager/packagers-manager';
import type { PackedResult } from '../../src/manager/packed-output';
import { RESULT_TYPES } from '../../src/serialization/result-types';
import { RunContext } from '../../src/runs/run-context';
import { RunRepository } from '../../src/runs/run-repository';
import { decodeTaggedJson, encodeTaggedJson } from '../../src/serialization/tagged-json';
import { LocalStore } from '../../src/stores/local.store';
import { MemoryStore } from '../../src/stores/memory.store';
import type { Store } from '../../src/stores/store';
import { differenceOf } from '../helpers/same-value';

class Custom extends TypeError {
  constructor(message: string) {
    super(message, { cause: new RangeError('inner') });
    this.name = 'CustomError';
  }
}

function nullProto(): Record<string, unknown> {
  const value = Object.create(null) as Record<string, unknown>;
  value['a'] = 1;
  value['nested'] = Object.assign(Object.create(null) as object, { b: 2n });
  return value;
}

function withProtoKey(): Record<string, unknown> {
  return JSON.parse('{"__proto__": {"polluted": true}, "x": 1}') as Record<string, unknown>;
}

/** Values for each row of RESULT_TYPES; a new row without samples fails the first test. */
const SAMPLES: Readonly<Record<string, readonly unknown[]>> = {
  string: ['', 'héllo', 'a\uD800b', '\uDFFF'],
  'boolean, null': [true, false, null],
  'finite number': [0, 0.1, -1e308, Number.MAX_SAFE_INTEGER],
  '`NaN`, `Infinity`, `-Infinity`, `-0`': [NaN, Infinity, -Infinity, -0],
  '`undefined`': [undefined, [undefined, 1], { a: undefined }],
  '`bigint`': [42n, -(2n ** 90n), 0n],
  '`Date`': [new Date(0), new Date('2026-12-07T00:15:32.123Z'), new Date(NaN)],
  array: [[], [1, 'a', [2n]]],
  'plain object': [{}, { a: { b: [1] } }, withProtoKey(), { $date: 'user data' }],
  'object with a `null` prototype': [nullProto()],
  '`Map`': [
    new Map(),
    new Map<unknown, unknown>([
      ['a', 1n],
      [2, new Date(0)],
      [{ k: 1 }, new Set([1])],
    ]),
  ],
  '`Set`': [new Set(), new Set([1, 'a', NaN, new Map([[1, 2]])])],
  'typed arrays, `Buffer`, `ArrayBuffer`, `DataView`': [
    new Float64Array([0.5, NaN, -0, Infinity]),
    new Float32Array([0.1, -Infinity]),
    new Int8Array([-128, 127]),
    new Uint8Array([0, 255]),
    new Uint8ClampedArray([3]),
    new Int16Array([-1]),
    new Uint16Array([65535]),
    new Int32Array([-(2 ** 31)]),
    new Uint32Array([2 ** 32 - 1]),
    new BigInt64Array([-(2n ** 63n)]),
    new BigUint64Array([2n ** 64n - 1n]),
    Buffer.from('bytes'),
    new Uint8Array([1, 2, 3]).buffer,
    new DataView(new Uint8Array([9, 8]).buffer),
  ],
  '`Error` (and subclasses)': [
    new Error('plain'),
    Object.assign(new RangeError('with code'), { code: 'E_RANGE', details: { n: 1n } }),
    new AggregateError([new Error('a')], 'many'),
    new Error('outer', { cause: { reason: 'data', at: new Date(0) } }),
  ],
  '`LocalPath`': [new LocalPath('/tmp/some/where')],
  '`URL`': [new URL('https://example.com/a?b=1#c'), new URL('file:///tmp/x')],
};

/** What a custom Error subclass comes back as (its nearest builtin class, same fields). */
function expectedBack(value: unknown): unknown {
  if (!(value instanceof Custom)) return value;
  const e = new TypeError(value.message, { cause: value.cause });
  Object.defineProperty(e, 'stack', { value: value.stack, enumerable: false });
  e.name = 'CustomError';
  return e;
}

const all = (): [string, unknown][] =>
  RESULT_TYPES.flatMap((row) =>
    (SAMPLES[row.type] ?? []).map((v) => [row.type, v] as [string, unknown]),
  );

describe('RESULT_TYPES', () => {
  describe('when the table is read', () => {
    it('should have samples for every row', () => {
      expect(RESULT_TYPES.map((r) => r.type).filter((t) => SAMPLES[t] === undefined)).toEqual([]);
    });

    it('should be the table docs/runs.md shows', () => {
      const doc = readFileSync(join(__dirname, '../../../../docs/runs.md'), 'utf8');
      for (const row of RESULT_TYPES)
        expect(doc).toContain(`| ${row.type} | ${row.storedAs} | ${row.comesBackAs} |`);
    });
  });

  describe('when each sample is encoded and decoded through JSON text', () => {
    it.each(all())('should give back the same %s', (_type, value) => {
      const text = JSON.stringify(encodeTaggedJson(value, 'results.x'));
      expect(differenceOf(decodeTaggedJson(JSON.parse(text)), value)).toBeUndefined();
      const nested = { deep: [{ in: value }] };
      const back = decodeTaggedJson(JSON.parse(JSON.stringify(encodeTaggedJson(nested))));
      expect(differenceOf(back, nested)).toBeUndefined();
    });
  });

  describe('when each sample is packed as a result', () => {
    const manager = new PackagersManager({ store: new MemoryStore() });

    it.each(all())('should return the same %s from manager.pack', async (_type, value) => {
      const out = (await manager.pack(value, 'x : result')) as PackedResult;
      expect(out.kind).toBe('result');
      expect(differenceOf(out.value, value)).toBeUndefined();
    });

    it('should give back a custom Error subclass as its builtin class with its name', async () => {
      const value = new Custom('boom');
      const out = (await manager.pack(value, 'x : result')) as PackedResult;
      expect(differenceOf(out.value, expectedBack(value))).toBeUndefined();
      expect(out.value).toBeInstanceOf(TypeError);
    });
  });

  describe.each([
    [
      'memory',
      async (): Promise<[Store, () => Promise<void>]> => [new MemoryStore(), async () => undefined],
    ],
    [
      'local',
      async (): Promise<[Store, () => Promise<void>]> => {
        const root = await fs.mkdtemp(join(tmpdir(), 'stowage-test-result-types-'));
        return [
          new LocalStore({ root, fsync: false }),
          () => fs.rm(root, { recursive: true, force: true }),
        ];
      },
    ],
  ])('when every sample is a handler result in a %s store', (_name, open) => {
    let store: Store;
    let close: () => Promise<void>;
    beforeAll(async () => {
      [store, close] = await open();
    });
    afterAll(() => close());

    it('should come back the same in run().results and in the stored record', async () => {
      const values = all().map(([, v]) => v);
      const outputs = values.map((_v, i) => `r${i} : result`);
      const job = handler(() => values, { outputs });
      const record = await run(job, { store });
      expect(record.status).toBe('completed');
      const stored = await new RunRepository({ store }).read(record.id);
      values.forEach((v, i) => {
        expect(differenceOf(record.results[`r${i}`], v, `r${i}`)).toBeUndefined();
        expect(differenceOf(stored.results[`r${i}`], v, `r${i}`)).toBeUndefined();
      });
    });

    it('should keep them as params too (they share the encoding)', async () => {
      const params = Object.fromEntries(all().map(([, v], i) => [`p${i}`, v]));
      const ctx = await RunContext.start({ store, params });
      await ctx.complete();
      const stored = await new RunRepository({ store }).read(ctx.id);
      expect(differenceOf(stored.params, params, 'params')).toBeUndefined();
      expect(differenceOf(ctx.params, params, 'params')).toBeUndefined();
    });

    it('should keep them through RunContext.logResults', async () => {
      const ctx = await RunContext.start({ store });
      const results = Object.fromEntries(all().map(([, v], i) => [`r${i}`, v]));
      await ctx.logResults(results);
      await ctx.complete();
      const stored = await new RunRepository({ store }).read(ctx.id);
      expect(differenceOf(stored.results, results, 'results')).toBeUndefined();
    });
  });
});
