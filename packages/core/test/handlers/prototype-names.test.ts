import {
  MemoryStore,
  PackagersManager,
  RunContext,
  RunRepository,
  type RunRecord,
} from '@stowage/core';
import { handler } from '../../src/handlers/handler.function';
import { run } from '../../src/handlers/run';

/** `{ "__proto__": …, "constructor": …, "prototype": … }` as own data fields (as JSON.parse makes them). */
function dangerous(inner: unknown): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify({ constructor: inner, prototype: inner }).replace(
      '{',
      `{"__proto__":${JSON.stringify(inner)},`,
    ),
  ) as Record<string, unknown>;
}

function own(value: unknown): string[] {
  return Object.keys(value as object).sort();
}

describe('run() with the names __proto__, constructor and prototype', () => {
  const store = new MemoryStore();
  const runs = new RunRepository({ store });

  afterEach(() => {
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  describe('when they are result keys', () => {
    let record: RunRecord;
    beforeAll(async () => {
      const job = handler(() => [1, 2, 3], {
        outputs: ['__proto__ : result', 'constructor : result', 'prototype : result'],
      });
      record = await run(job, { store });
    });

    it('should record each result under its own name', () => {
      expect(record.status).toBe('completed');
      expect(own(record.results)).toEqual(['__proto__', 'constructor', 'prototype']);
      expect(Object.getOwnPropertyDescriptor(record.results, '__proto__')?.value).toBe(1);
    });

    it('should read them back from the stored run record', async () => {
      const stored = await runs.read(record.id);
      expect(own(stored.results)).toEqual(['__proto__', 'constructor', 'prototype']);
      expect(Object.getOwnPropertyDescriptor(stored.results, '__proto__')?.value).toBe(1);
      expect(stored.results['constructor']).toBe(2);
      expect(stored.results['prototype']).toBe(3);
    });
  });

  describe('when they are names inside a result value', () => {
    it('should keep them as own fields, stored and read back', async () => {
      const value = dangerous({ polluted: true });
      const job = handler(() => value, { outputs: ['config : result'] });
      const record = await run(job, { store });
      const stored = await runs.read(record.id);
      for (const results of [record.results, stored.results]) {
        const config = results['config'];
        expect(own(config)).toEqual(['__proto__', 'constructor', 'prototype']);
        expect(Object.getPrototypeOf(config)).toBe(Object.prototype);
        expect(Object.getOwnPropertyDescriptor(config, '__proto__')?.value).toEqual({
          polluted: true,
        });
      }
    });
  });

  describe('when they are param names', () => {
    it('should hand them to the function and record them', async () => {
      let seen: Record<string, unknown> = {};
      const job = handler((args: Record<string, unknown>) => {
        seen = args;
      });
      const record = await run(job, { store, params: dangerous(7) });
      expect(own(seen)).toEqual(['__proto__', 'constructor', 'prototype']);
      expect(Object.getOwnPropertyDescriptor(seen, '__proto__')?.value).toBe(7);
      const stored = await runs.read(record.id);
      expect(own(stored.params)).toEqual(['__proto__', 'constructor', 'prototype']);
      expect(Object.getOwnPropertyDescriptor(stored.params, '__proto__')?.value).toBe(7);
    });
  });

  describe('when an input named constructor is declared but not given', () => {
    it('should pass undefined, not Object', async () => {
      let given: boolean | undefined;
      const job = handler(
        (args: { constructor?: unknown }) => {
          given = Object.prototype.hasOwnProperty.call(args, 'constructor');
        },
        { inputs: { constructor: Number } },
      );
      const record = await run(job, { store });
      expect(record.status).toBe('completed');
      expect(given).toBe(false);
    });
  });
});

describe('RunContext.logResult with the names __proto__, constructor and prototype', () => {
  describe('when they are the keys', () => {
    it('should keep every result', async () => {
      const store = new MemoryStore();
      const ctx = await RunContext.start({ store });
      await ctx.logResult('__proto__', { polluted: true });
      await ctx.logResults({ constructor: 2, prototype: 3 });
      const record = await ctx.complete();
      expect(own(record.results)).toEqual(['__proto__', 'constructor', 'prototype']);
      const stored = await new RunRepository({ store }).read(record.id);
      expect(Object.getOwnPropertyDescriptor(stored.results, '__proto__')?.value).toEqual({
        polluted: true,
      });
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    });
  });
});

describe('PackagersManager.pack with a __proto__ field as a result', () => {
  describe('when the value has an own __proto__ field', () => {
    it('should keep it in the packed result', async () => {
      const manager = new PackagersManager({ store: new MemoryStore() });
      const out = await manager.pack(dangerous(1), 'value : result');
      expect(out.kind).toBe('result');
      const value = (out as { value: unknown }).value;
      expect(own(value)).toEqual(['__proto__', 'constructor', 'prototype']);
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    });
  });
});
