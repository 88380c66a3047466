import 'reflect-metadata';
import {
  Handler,
  HandlerError,
  Input,
  MemoryStore,
  PackagersManager,
  handler,
  run,
  type RunRecord,
} from '@stowage/core';
import { expectStowageError } from '../helpers/expect-stowage-error';

const quiet = { warn: (): void => undefined };

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}

describe('Handler', () => {
  describe('when inputs and params are declared in its arguments (legacy mode)', () => {
    class Jobs {
      readonly factor = 2;
      @Handler({ inputs: { values: Array }, params: ['shift'], outputs: ['moved'] })
      move({ values, shift }: { values: number[]; shift: number }): number {
        return ((values[0] ?? 0) + shift) * this.factor;
      }
    }

    it('should call the method with one object of inputs and params, and this bound', async () => {
      const manager = new PackagersManager({ store: new MemoryStore(), warnings: quiet });
      const produced = await run(
        handler(() => [1, 2]),
        { manager, returns: ['p : file'] },
      );
      const uri = produced.artifacts.find((a) => a.key === 'p')?.uri;
      const record: RunRecord = await run([new Jobs(), 'move'], {
        manager,
        inputs: { values: uri as string },
        params: { shift: 3 },
      });
      expect(record.error).toBeUndefined();
      expect(record.status).toBe('completed');
      expect(record.results['moved']).toBe(8);
    });

    it('should refuse a param it does not declare', async () => {
      const manager = new PackagersManager({ store: new MemoryStore(), warnings: quiet });
      const error: unknown = await run([new Jobs(), 'move'], {
        manager,
        inputs: {},
        params: { other: 1 },
      }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(HandlerError);
    });
  });

  describe('when @Handler({ inputs }) is combined with @Input', () => {
    it('should throw HANDLER_INVALID_OPTIONS when the handler is resolved', async () => {
      class Mixed {
        @Handler({ inputs: { point: Point } })
        both(@Input('other') other: Point): Point {
          return other;
        }
      }
      const manager = new PackagersManager({ store: new MemoryStore(), warnings: quiet });
      const error: unknown = await run([new Mixed(), 'both'], { manager }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'HANDLER_INVALID_OPTIONS' });
    });
  });

  describe('when a declared input type is not a class', () => {
    it('should say what to write in @Handler', () => {
      const error = expectStowageError(
        () => {
          class Bad {
            @Handler({ inputs: { point: 'Point' as never } })
            go(): void {}
          }
          return Bad;
        },
        HandlerError,
        'HANDLER_INVALID_INPUT_TYPE',
      );
      expect(error.fix).toContain('@Handler({ inputs: { point: Point } })');
    });
  });

  describe('when a name is both an input and a param', () => {
    it('should throw HANDLER_DUPLICATE_BINDING', () => {
      expectStowageError(
        () => {
          class Twice {
            @Handler({ inputs: { point: Point }, params: ['point'] })
            go(): void {}
          }
          return Twice;
        },
        HandlerError,
        'HANDLER_DUPLICATE_BINDING',
      );
    });
  });
});
