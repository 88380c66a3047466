import 'reflect-metadata';
import { LocalPath } from '../../src/values/local-path';
import { Pack } from '../../src/decorators/pack.decorator';
import { Packager } from '../../src/decorators/packager.decorator';
import { PackingError } from '../../src/errors/packing.error';
import { SerializationError } from '../../src/errors/serialization.error';
import { handler } from '../../src/handlers/handler.function';
import { run } from '../../src/handlers/run';
import { PackagersManager } from '../../src/manager/packagers-manager';
import type { PackedResult } from '../../src/manager/packed-output';
import { RunRepository } from '../../src/runs/run-repository';
import { MemoryStore } from '../../src/stores/memory.store';
import { expectStowageRejection } from '../helpers/expect-stowage-error';
import { differenceOf } from '../helpers/same-value';

describe('PackagersManager result outputs (keptResult)', () => {
  const store = new MemoryStore();
  const runs = new RunRepository({ store });
  const manager = new PackagersManager({ store, warnings: { warn: () => undefined } });

  /** Runs a handler returning `values` under `outputs`; gives the run's and the stored results. */
  async function logged(
    values: readonly unknown[],
    outputs: readonly string[],
  ): Promise<Readonly<Record<string, unknown>>[]> {
    const record = await run(
      handler(() => (values.length === 1 ? values[0] : values), { outputs: [...outputs] }),
      { store, manager },
    );
    expect(record.failedOutputs).toBeUndefined();
    expect(record.status).toBe('completed');
    return [record.results, (await runs.read(record.id)).results];
  }

  describe('when a handler returns bigint, Date, NaN and Infinity by default', () => {
    it('should record them as themselves, not as "42", an ISO string or null', async () => {
      const values = [42n, new Date('2026-12-07T00:00:00.000Z'), NaN, Infinity, -0];
      for (const results of await logged(values, ['a', 'b', 'c', 'd', 'e']))
        expect(
          differenceOf(
            [results['a'], results['b'], results['c'], results['d'], results['e']],
            values,
          ),
        ).toBeUndefined();
    });

    it('should keep them nested in arrays and records', async () => {
      const value = { list: [1n, new Date(0)], inner: { n: NaN, big: -(2n ** 70n) } };
      for (const results of await logged([value], ['summary : result']))
        expect(differenceOf(results['summary'], value)).toBeUndefined();
    });
  });

  describe('when a Map, Set, typed array or Error is logged as result', () => {
    it('should give each back as itself, in the run and in the stored record', async () => {
      const error = Object.assign(new RangeError('too far'), { code: 'E_FAR' });
      const values = [
        new Map<unknown, unknown>([
          ['a', 1],
          [2, new Set(['x'])],
        ]),
        new Set([1, 'two', 3n]),
        new Float64Array([1.5, NaN, -0]),
        error,
      ];
      for (const results of await logged(values, [
        'm : result',
        's : result',
        't : result',
        'e : result',
      ])) {
        expect(results['m']).toBeInstanceOf(Map);
        expect(results['s']).toBeInstanceOf(Set);
        expect(results['t']).toBeInstanceOf(Float64Array);
        expect(results['e']).toBeInstanceOf(RangeError);
        expect(
          differenceOf([results['m'], results['s'], results['t'], results['e']], values),
        ).toBeUndefined();
      }
    });
  });

  describe('when a LocalPath or URL is logged as result', () => {
    it('should give back a LocalPath and a URL, not strings', async () => {
      const values = [new LocalPath('/data/in.csv'), new URL('https://example.com/x')];
      for (const results of await logged(values, ['p : result', 'u : result'])) {
        expect(results['p']).toBeInstanceOf(LocalPath);
        expect((results['p'] as LocalPath).path).toBe('/data/in.csv');
        expect(results['u']).toBeInstanceOf(URL);
        expect((results['u'] as URL).href).toBe('https://example.com/x');
      }
    });
  });

  describe('when a record has a null prototype or an own "__proto__" key', () => {
    it('should keep the null prototype', async () => {
      const value = Object.assign(Object.create(null) as object, { a: 1 });
      const out = (await manager.pack(value, 'r : result')) as PackedResult;
      expect(Object.getPrototypeOf(out.value)).toBeNull();
      for (const results of await logged([value], ['r : result']))
        expect(Object.getPrototypeOf(results['r'])).toBeNull();
    });

    it('should keep "__proto__" as an own field through manager.pack, never as the prototype', async () => {
      const value = JSON.parse('{"__proto__": {"polluted": true}, "x": 1}') as object;
      const out = (await manager.pack(value, 'r : result')) as PackedResult;
      expect(Object.getPrototypeOf(out.value)).toBe(Object.prototype);
      expect(Object.getOwnPropertyDescriptor(out.value, '__proto__')?.value).toEqual({
        polluted: true,
      });
      expect((out.value as Record<string, unknown>)['polluted']).toBeUndefined();
    });
  });

  describe('when a result holds something the run record cannot', () => {
    it('should refuse it with PACKING_NOT_JSON_SAFE naming results.metrics.hist', async () => {
      const error = await expectStowageRejection(
        manager.pack({ hist: () => 1, ok: 1 }, 'metrics : result'),
        PackingError,
        'PACKING_NOT_JSON_SAFE',
      );
      expect(error.details['path']).toBe('results.metrics.hist');
      expect(error.message).toContain('results.metrics.hist');
      expect(error.cause).toBeInstanceOf(SerializationError);
    });

    it('should pack an Error whose cause is not data as an object artifact by default', async () => {
      class Socket {
        readonly fd = 3;
      }
      const out = await manager.pack(new Error('lost', { cause: new Socket() }), 'failure');
      expect(out).toMatchObject({ kind: 'artifact', artifactType: 'object' });
    });
  });

  describe('when a class without @Pack("result") is asked for as result', () => {
    class Reading {
      constructor(
        readonly at: Date,
        readonly value: bigint,
      ) {}
    }
    @Packager({ type: Reading, name: 'test.reading' })
    class ReadingPackager {
      @Pack('file') packFile(): never {
        throw new Error('not used');
      }
    }

    it('should record its fields and keep the types inside them', async () => {
      const m = new PackagersManager({ packagers: [ReadingPackager], store });
      const out = (await m.pack(new Reading(new Date(5), 7n), 'r : result')) as PackedResult;
      expect(differenceOf(out.value, { at: new Date(5), value: 7n })).toBeUndefined();
    });
  });
});
