import { HandlerError, MemoryStore, type RunRecord, type TypedRunRecord } from '@stowage/core';
import { Handler } from '../../src/decorators/handler.decorator';
import { handler } from '../../src/handlers/handler.function';
import { run } from '../../src/handlers/run';

// Type tests: each `@ts-expect-error` line must fail to compile, or `npm run typecheck` fails
// with "Unused '@ts-expect-error' directive"; the runtime checks below prove the same calls are
// also refused (or typed) when the compiler is bypassed.

const makePlaylist = handler(
  ({ name, size }: { name: string; size: number }) =>
    [Array.from({ length: size }, () => name), size] as const,
  { params: ['name', 'size'], outputs: ['tracks : result', 'count'] },
);

class Library {
  @Handler({ outputs: ['total : result'] })
  total(): number {
    return 3;
  }
}

/** Type-level equality: `true` only when `A` and `B` are the same type. */
type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(): T | undefined => undefined;

describe('run() types', () => {
  const store = new MemoryStore();

  describe('when the handler was made by handler()', () => {
    it('should type the results by the declared output keys', async () => {
      const record = await run(makePlaylist, { store, params: { name: 'a', size: 2 } });
      assertType<Equal<typeof record, TypedRunRecord<'tracks' | 'count'>>>();
      expect(record.results.tracks).toEqual(['a', 'a']);
      // @ts-expect-error: 'track' is not an output of makePlaylist
      expect(record.results.track).toBeUndefined();
    });

    it('should refuse a param of the wrong type or name at compile time', async () => {
      // @ts-expect-error: name is a string
      const wrongType = await run(makePlaylist, { store, params: { name: 42, size: 1 } });
      expect(wrongType.params).toEqual({ name: 42, size: 1 });
      // @ts-expect-error: sizee is not a field of the handler's argument
      const refused = run(makePlaylist, { store, params: { name: 'a', sizee: 1 } });
      await expect(refused).rejects.toMatchObject({ code: 'HANDLER_UNKNOWN_PARAM' });
      await expect(refused).rejects.toBeInstanceOf(HandlerError);
    });

    it('should refuse an input the function does not take at compile time', async () => {
      // @ts-expect-error: the function takes no input named songs
      const record = run(makePlaylist, { store, inputs: { songs: 'store://songs' } });
      await expect(record).rejects.toBeInstanceOf(HandlerError);
    });

    it('should give plain run records when returns replaces the declared outputs', async () => {
      const record = await run(makePlaylist, {
        store,
        params: { name: 'b', size: 1 },
        returns: ['other : result'],
      });
      assertType<Equal<typeof record, RunRecord>>();
      expect(record.results['other']).toEqual([['b'], 1]);
    });
  });

  describe('when the handler is an [instance, method] pair', () => {
    it('should accept a method name of the instance', async () => {
      const record = await run([new Library(), 'total'], { store });
      expect(record.results['total']).toBe(3);
    });

    it('should refuse a name that is not a method at compile time', async () => {
      // @ts-expect-error: 'nope' is not a method of Library
      await expect(run([new Library(), 'nope'], { store })).rejects.toMatchObject({
        code: 'HANDLER_NOT_CALLABLE',
      });
      // @ts-expect-error: {} has no methods
      await expect(run([{}, 'nope'], { store })).rejects.toBeInstanceOf(HandlerError);
    });
  });

  describe('when the value is not a handler', () => {
    it('should refuse it at compile time', async () => {
      // @ts-expect-error: a number is not a handler
      await expect(run(42, { store })).rejects.toMatchObject({ code: 'HANDLER_NOT_CALLABLE' });
      // @ts-expect-error: a string is not a handler
      await expect(run('makePlaylist', { store })).rejects.toBeInstanceOf(HandlerError);
    });

    it('should type the keys a *key output unbundles into', async () => {
      const evaluate = handler(() => ({ test: { mse: 0.5 } }), { outputs: ['*evaluation'] });
      const record = await run(evaluate, { store });
      expect(record.results.evaluation_test_mse).toBe(0.5);
      // @ts-expect-error: only evaluation and evaluation_… keys come from '*evaluation'
      expect(record.results.evaluatio).toBeUndefined();
    });

    it('should still accept a plain function (no inputs, any param)', async () => {
      const record = await run(() => 1, { store, params: { anything: true } });
      expect(record.status).toBe('completed');
    });
  });
});
