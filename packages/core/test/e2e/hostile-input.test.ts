import fc from 'fast-check';
import {
  DataItem,
  HandlerError,
  InvalidKeyError,
  LogHintError,
  MemoryStore,
  PackingError,
  RunRepository,
  SerializationError,
  UnpackingError,
  PackagersManager,
  RunContext,
  StoreArtifactRepository,
  StowageError,
  parseDataUri,
} from '@stowage/core';
import { encodeTaggedJson } from '@stowage/core/internal';
import { handler } from '../../src/handlers/handler.function';
import { run } from '../../src/handlers/run';
import { parseLogHint } from '../../src/log-hints/parse-log-hint';
import { hint } from '../../src/log-hints/hint.builder';
import { expectStowageError, expectStowageRejection } from '../helpers/expect-stowage-error';

/** Runs per entry point; each property below reports how many cases it tried. */
const RUNS = 100;
const tried: Record<string, number> = {};

/** Calls `fn`; a rejection or throw must be a StowageError (an untyped error fails the case). */
async function settles(entry: string, fn: () => unknown): Promise<void> {
  tried[entry] = (tried[entry] ?? 0) + 1;
  try {
    await fn();
  } catch (error) {
    if (!StowageError.is(error) || !(error instanceof StowageError)) {
      const text = `${Object.prototype.toString.call(error)} ${String((error as Error).message)}`;
      throw new Error(`${entry} let an untyped error escape: ${text}`, { cause: error });
    }
  }
}

function nested(depth: number, key = 'a'): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { [key]: value };
  return value;
}

function nestedArray(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

function throwingGetter(): object {
  const o = { ok: 1 };
  Object.defineProperty(o, 'bad', {
    enumerable: true,
    get() {
      throw new TypeError('getter says no');
    },
  });
  return o;
}

function throwingProxy(target: object = {}): object {
  const boom = (): never => {
    throw new RangeError('proxy says no');
  };
  return new Proxy(target, {
    get: boom,
    has: boom,
    ownKeys: boom,
    getOwnPropertyDescriptor: boom,
    getPrototypeOf: boom,
    set: boom,
    defineProperty: boom,
    deleteProperty: boom,
    apply: boom,
    construct: boom,
    isExtensible: boom,
    preventExtensions: boom,
    setPrototypeOf: boom,
  });
}

function cyclic(): object {
  const o: Record<string, unknown> = { a: 1 };
  o['self'] = o;
  return o;
}

function throwingToJson(): object {
  return {
    toJSON(): never {
      throw new Error('toJSON says no');
    },
  };
}

function throwingIterator(): object {
  const a = [1, 2];
  Object.defineProperty(a, Symbol.iterator, {
    value: () => {
      throw new Error('iterator says no');
    },
  });
  return a;
}

const weirdKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', ''),
  fc.string({ maxLength: 8 }),
);

/** A value made fresh for each call (proxies and getters must not be touched by fast-check). */
interface Make {
  (): unknown;
}

function maker(label: string, make: () => unknown): Make {
  return Object.assign(make, { [fc.toStringMethod]: () => label });
}

/** Hand-made hostile values: deep nesting, throwing getters and proxies, cycles, symbols. */
const hostileSpecial: fc.Arbitrary<Make> = fc.constantFrom(
  maker('nested 5000', () => nested(5_000)),
  maker('nested 20000', () => nested(20_000)),
  maker('nested __proto__ 5000', () => nested(5_000, '__proto__')),
  maker('array nested 5000', () => nestedArray(5_000)),
  maker('array nested 20000', () => nestedArray(20_000)),
  maker('throwing getter', () => throwingGetter()),
  maker('throwing proxy', () => throwingProxy()),
  maker('throwing array proxy', () => throwingProxy([1, 2])),
  maker('throwing function proxy', () => throwingProxy(() => 1)),
  maker('cyclic', () => cyclic()),
  maker('throwing toJSON', () => throwingToJson()),
  maker('throwing iterator', () => throwingIterator()),
  maker('null prototype', () => Object.create(null) as object),
  maker('symbol key', () => ({ [Symbol('s')]: 1 })),
  maker('own __proto__', () => JSON.parse('{"__proto__": {"polluted": true}}') as unknown),
  maker(
    'map with object keys',
    () =>
      new Map<unknown, unknown>([
        [{}, 1],
        [Symbol('k'), 2],
      ]),
  ),
  maker('invalid date', () => new Date(Number.NaN)),
  maker('symbol', () => Symbol('value')),
  maker('bigint', () => 10n ** 30n),
);

const { tree } = fc.letrec<{ tree: unknown; node: unknown }>((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.anything(), tie('node')),
  node: fc.oneof(
    fc.dictionary(weirdKey, tie('tree'), { maxKeys: 4 }),
    fc.array(tie('tree'), { maxLength: 4 }),
  ),
}));

const plain = fc.oneof(
  fc.anything({
    key: weirdKey,
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
    withUnicodeString: true,
  }),
  tree,
);

/** A thunk making a hostile value: arbitrary data, or a hand-made one alone or wrapped. */
const hostile: fc.Arbitrary<Make> = fc.oneof(
  plain.map((v) => maker(fc.stringify(v), () => v)),
  hostileSpecial,
  hostileSpecial.map((m) => maker(`{ value: ${String(m)} }`, () => ({ value: m() }))),
  hostileSpecial.map((m) => maker(`[${String(m)}]`, () => [m()])),
);

/** Keys and prefixes: strings (valid or not) and things that are not strings at all. */
const hostileKey: fc.Arbitrary<Make> = fc.oneof(
  weirdKey.map((k) => maker(JSON.stringify(k), () => k)),
  fc
    .constantFrom('ok', 'a/b', '../x', '/abs', 'k@v', 'k:t', '.', '..', 'x'.repeat(300))
    .map((k) => maker(k, () => k)),
  hostile,
);

/** Log hints: strings in and out of the grammar, objects, builders and hostile values. */
const hostileHint: fc.Arbitrary<Make> = fc.oneof(
  fc
    .constantFrom('value', 'value : result', 'value : object', '*value', 'value : file[x=1]')
    .map((h) => maker(h, () => h)),
  fc.string({ maxLength: 30 }).map((h) => maker(JSON.stringify(h), () => h)),
  fc.tuple(hostileKey, fc.option(hostileKey), fc.option(hostile)).map(([k, t, o]) =>
    maker(`{ key: ${String(k)}, artifactType: ${String(t)}, options: ${String(o)} }`, () => ({
      key: k(),
      ...(t === null ? {} : { artifactType: t() }),
      ...(o === null ? {} : { options: o() }),
    })),
  ),
  hostileKey.map((k) => maker(`{ toLogHint: () => ${String(k)} }`, () => ({ toLogHint: k }))),
  hostile,
);

const params = { numRuns: RUNS, endOnFailure: true } as const;

describe('public entry points', () => {
  jest.setTimeout(120_000);
  const store = new MemoryStore();
  const manager = new PackagersManager({ store, warnings: { warn: () => undefined } });
  const repository = new StoreArtifactRepository({ store });

  // The object fallback warns (process.emitWarning) about unregistered classes: keep the log short.
  const warnings = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);

  afterAll(async () => {
    warnings.mockRestore();
    await manager.cleanup();
    await repository.dispose();
    // One line of figures for the notes (cases tried per entry point).
    process.stdout.write(`hostile-input cases: ${JSON.stringify(tried)}\n`);
  });

  describe('when given arbitrary hostile inputs', () => {
    it('should answer PackagersManager.pack with a result or a StowageError', async () => {
      await fc.assert(
        fc.asyncProperty(hostile, hostileHint, async (value, h) => {
          await settles('manager.pack', () => manager.pack(value(), h() as string));
          await settles('manager.pack', () => manager.pack(value(), 'value'));
          await settles('manager.pack', () => manager.pack(value(), 'value : object'));
        }),
        params,
      );
    });

    it('should answer PackagersManager.explain with an explanation or a StowageError', async () => {
      await fc.assert(
        fc.asyncProperty(hostile, hostileHint, async (value, h) => {
          await settles('manager.explain', () => manager.explain(value(), h() as string));
          await settles('manager.explain', () => manager.explain(value(), 'value : result'));
        }),
        params,
      );
    });

    it('should answer PackagersManager.unpack with a value or a StowageError', async () => {
      await fc.assert(
        fc.asyncProperty(hostile, hostile, async (item, type) => {
          await settles('manager.unpack', () =>
            manager.unpack(item() as DataItem, type() as typeof Number),
          );
        }),
        params,
      );
    });

    it('should answer parseLogHint and hint() with a hint or a StowageError', async () => {
      await fc.assert(
        fc.asyncProperty(hostileHint, hostileKey, hostile, async (h, key, options) => {
          await settles('parseLogHint', () => parseLogHint(h() as string));
          await settles('hint()', () =>
            hint(key() as string)
              .as(options() as string, options() as object)
              .tag(key() as string)
              .labels(options() as Record<string, string>)
              .extraData(options() as Record<string, unknown>)
              .toLogHint(),
          );
        }),
        params,
      );
    });

    it('should answer handler() with a handler or a StowageError', async () => {
      await fc.assert(
        fc.asyncProperty(hostile, hostile, async (fn, options) => {
          await settles('handler()', () =>
            handler(fn() as () => unknown, options() as Record<string, never>),
          );
          await settles('handler()', () =>
            handler(() => 1, { outputs: [options() as string], inputs: options() as object }),
          );
        }),
        params,
      );
    });

    it('should answer run() with a run record or a StowageError', async () => {
      await fc.assert(
        fc.asyncProperty(hostile, hostileKey, hostile, async (value, key, options) => {
          const job = handler(() => value(), { outputs: ['value'] });
          await settles('run()', () =>
            run(job, { store, params: value() as Record<string, never> }),
          );
          await settles('run()', () => run(job, { store, returns: [key() as string] }));
          await settles('run()', () => run(job, options() as { store: MemoryStore }));
          await settles('run()', () =>
            run(value() as () => unknown, { store, inputs: value() as Record<string, string> }),
          );
        }),
        { ...params, numRuns: Math.ceil(RUNS / 2) },
      );
    });

    it('should answer RunContext with a record or a StowageError', async () => {
      await fc.assert(
        fc.asyncProperty(hostileKey, hostile, async (key, value) => {
          let ctx: RunContext | undefined;
          await settles('RunContext.start', async () => {
            ctx = await RunContext.start({
              store,
              params: value() as Record<string, unknown>,
              labels: value() as Record<string, string>,
              name: key() as string,
            });
          });
          ctx ??= await RunContext.start({ store });
          const started = ctx;
          await settles('RunContext.logResult', () => started.logResult(key() as string, value()));
          await settles('RunContext.logResults', () =>
            started.logResults(value() as Record<string, unknown>),
          );
          await settles('RunContext.getInput', () => started.getInput(key() as string));
          await settles('RunContext.open', () => started.open(key() as string));
          await settles('RunContext.recordOutputFailure', () =>
            started.recordOutputFailure(key() as string, value()),
          );
          await settles('RunContext.fail', () => started.fail(value()));
          await settles('encodeTaggedJson', () => encodeTaggedJson(value()));
        }),
        params,
      );
    });

    it('should answer parseDataUri and RunRepository with a value or a StowageError', async () => {
      const runs = new RunRepository({ store });
      await fc.assert(
        fc.asyncProperty(hostileKey, hostile, async (uri, filter) => {
          await settles('parseDataUri', () => parseDataUri(uri() as string));
          await settles('RunRepository.read', () => runs.read(uri() as string));
          await settles('RunRepository.list', () => runs.list(filter() as { name: string }));
        }),
        params,
      );
    });

    it('should answer the artifact repository with artifacts or a StowageError', async () => {
      await fc.assert(
        fc.asyncProperty(hostileKey, hostileKey, hostile, async (key, ref, filter) => {
          await settles('repository.read', () =>
            repository.read(key() as string, { tag: ref() as string }),
          );
          await settles('repository.read', () =>
            repository.read('ok', { version: ref() as string }),
          );
          await settles('repository.versions', () => repository.versions(key() as string));
          await settles('repository.list', () => repository.list(filter() as { key: string }));
          await settles('repository.list', () =>
            repository.list({ key: key() as string, tag: ref() as string }),
          );
          await settles('repository.open', () => repository.open(key() as string));
          const k = key();
          const text = typeof k === 'string' ? k : typeof k;
          await settles('repository.open', () => repository.open(`store://${text}`));
          await settles('repository.open', () => repository.open(`store://ok#${text}`));
          await settles('repository.open', () => repository.open(`store://ok@${text}`));
        }),
        params,
      );
    });
  });
});

describe('public entry points given known hostile inputs', () => {
  const store = new MemoryStore();
  const manager = new PackagersManager({ store, warnings: { warn: () => undefined } });
  const repository = new StoreArtifactRepository({ store });
  afterAll(async () => {
    await manager.cleanup();
    await repository.dispose();
  });

  describe('when a result is nested 5,000 levels deep', () => {
    it('should refuse it as a result naming the key and the limit of 100', async () => {
      const error = await expectStowageRejection(
        manager.pack(nested(5_000), 'deep : result'),
        PackingError,
        'PACKING_NOT_JSON_SAFE',
      );
      expect(error.message).toContain('The output "deep"');
      expect(error.message).toContain('deeper than 100 levels');
    });

    it('should refuse it with the default artifact type at the documented 1,000 levels', async () => {
      const error = await expectStowageRejection(
        manager.pack(nested(5_000), 'deep'),
        SerializationError,
        'SERIALIZATION_TOO_DEEP',
      );
      expect(error.message).toContain('1000 levels');
    });

    it('should fail the output of a run, not the run call', async () => {
      const job = handler(() => nested(5_000), { outputs: ['deep'] });
      const record = await run(job, { store });
      expect(record.status).toBe('error');
      expect(record.failedOutputs?.[0]?.key).toBe('deep');
      expect(record.failedOutputs?.[0]?.error.code).toBe('SERIALIZATION_TOO_DEEP');
    });
  });

  describe('when a collection input is nested 5,000 levels deep', () => {
    it('should refuse it before any run exists, naming the input and the limit', async () => {
      const job = handler(() => 1, { inputs: { data: Array } });
      const error = await expectStowageRejection(
        run(job, { store, inputs: { data: nestedArray(5_000) as string[] } }),
        HandlerError,
        'HANDLER_INVALID_INPUT',
      );
      expect(error.message).toContain('The input "data" is nested deeper than 100 levels');
    });
  });

  describe('when a key, tag or prefix is not a string', () => {
    it.each([[10n], [Symbol('k')], [42], [{}]])(
      'should refuse %p with InvalidKeyError',
      async (key) => {
        await expectStowageRejection(
          repository.read(key as string),
          InvalidKeyError,
          'KEY_INVALID',
        );
        await expectStowageRejection(
          repository.read('ok', { tag: key as string }),
          InvalidKeyError,
          'KEY_INVALID',
        );
        await expectStowageRejection(
          repository.list({ key: key as string }),
          InvalidKeyError,
          'KEY_INVALID',
        );
        await expectStowageRejection(
          repository.open(key as string),
          InvalidKeyError,
          'KEY_INVALID',
        );
        const ctx = await RunContext.start({ store });
        await expectStowageRejection(
          ctx.logResult(key as string, 1),
          InvalidKeyError,
          'KEY_INVALID',
        );
      },
    );
  });

  describe('when a data URI cannot be decoded', () => {
    it.each([['file://host/x'], ['store://k#%zz'], ['file:///%E0%A4%A']])(
      'should refuse %p with InvalidKeyError',
      (uri) => {
        const thrown = (() => {
          try {
            parseDataUri(uri);
            return undefined;
          } catch (error) {
            return error;
          }
        })();
        expect(thrown).toBeInstanceOf(InvalidKeyError);
      },
    );
  });

  describe('when reading the value throws', () => {
    it('should give pack() an INPUT_UNREADABLE PackingError with the original as cause', async () => {
      const error = await expectStowageRejection(
        manager.pack(throwingGetter(), 'value'),
        PackingError,
        'INPUT_UNREADABLE',
      );
      expect((error.cause as Error).message).toBe('getter says no');
    });

    it('should give explain(), unpack(), parseLogHint() and handler() a typed error', async () => {
      expectStowageError(
        () => manager.explain(throwingProxy(), 'value'),
        PackingError,
        'INPUT_UNREADABLE',
      );
      await expectStowageRejection(
        manager.unpack(throwingProxy() as DataItem),
        UnpackingError,
        'INPUT_UNREADABLE',
      );
      expectStowageError(
        () => parseLogHint(throwingProxy() as unknown as string),
        LogHintError,
        'INPUT_UNREADABLE',
      );
      expectStowageError(
        () => handler(() => 1, throwingProxy() as Record<string, never>),
        HandlerError,
        'INPUT_UNREADABLE',
      );
    });

    it('should give run() a HandlerError and create no run', async () => {
      const before = (await new RunRepository({ store }).list()).length;
      await expectStowageRejection(
        run(
          handler(() => 1),
          { store, params: throwingProxy() },
        ),
        HandlerError,
        'INPUT_UNREADABLE',
      );
      expect(await new RunRepository({ store }).list()).toHaveLength(before);
    });

    it('should give RunContext a SerializationError naming where', async () => {
      const ctx = await RunContext.start({ store });
      const error = await expectStowageRejection(
        ctx.logResult('r', { value: throwingGetter() }),
        SerializationError,
        'INPUT_UNREADABLE',
      );
      expect(error.message).toContain('results.r');
    });
  });

  describe('when a run fails with a thrown value that cannot be printed', () => {
    it('should record the failure', async () => {
      const ctx = await RunContext.start({ store });
      const record = await ctx.fail(Object.create(null));
      expect(record.status).toBe('error');
      expect(record.error?.message).toBe('A non-Error value was thrown: an object.');
    });
  });
});
