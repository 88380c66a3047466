import 'reflect-metadata';
import { HandlerError } from '@stowage/core';
import { Handler } from '../../src/decorators/handler.decorator';
import { Input } from '../../src/decorators/input.decorator';
import { handler } from '../../src/handlers/handler.function';
import { resolveHandler } from '../../src/handlers/resolve-handler';
import { dictOf, listOf } from '../../src/decorators/type-hint';
import { checkInputType } from '../../src/decorators/unpackable-input-type';
import { expectStowageError } from '../helpers/expect-stowage-error';

class Point {
  x = 0;
}

describe(checkInputType, () => {
  describe('when a @Handler method parameter is emitted as Function', () => {
    // What `tsc` emits for a class imported with `import { type Point }`: design type Function.
    class TypeOnlyImport {
      @Handler()
      use(@Input('point') point: Point): number {
        return point.x;
      }
    }
    Reflect.defineMetadata('design:paramtypes', [Function], TypeOnlyImport.prototype, 'use');

    class FunctionTyped {
      @Handler()
      use(@Input('scale') scale: (x: number) => number): number {
        return scale(1);
      }
    }

    it.each([
      ['[instance, method]', [new TypeOnlyImport(), 'use'] as const],
      ['the method function itself', TypeOnlyImport.prototype.use],
      ['a function-typed parameter', [new FunctionTyped(), 'use'] as const],
    ])('should refuse it when resolving %s, naming the type-only import', (_l, target) => {
      const error = expectStowageError(
        () => resolveHandler(target as never),
        HandlerError,
        'HANDLER_UNPACKABLE_INPUT_TYPE',
      );
      expect(error.details).toMatchObject({ type: 'Function', source: 'design' });
      expect(error.message).toContain('import { type X }');
      expect(error.fix).toMatch(/import it as a value .*@Input\('(point|scale)', Point\)/);
    });
  });

  describe('when a @Handler method parameter is a Promise or a symbol', () => {
    class Jobs {
      @Handler()
      later(@Input('p') p: Promise<Point>): Promise<Point> {
        return p;
      }
      @Handler()
      sym(@Input('s') s: symbol): string {
        return String(s);
      }
    }

    it.each([
      ['later', 'Promise'],
      ['sym', 'Symbol'],
    ])('should refuse %s (%s) when resolving', (method, type) => {
      const error = expectStowageError(
        () => resolveHandler([new Jobs(), method]),
        HandlerError,
        'HANDLER_UNPACKABLE_INPUT_TYPE',
      );
      expect(error.details).toMatchObject({ handler: `Jobs.${method}`, type });
    });
  });

  describe('when @Input is given such a type explicitly', () => {
    it.each([
      ['Function', Function],
      ['listOf(Promise)', listOf(Promise)],
      ['dictOf(WeakMap)', dictOf(WeakMap)],
    ])('should refuse %s when the class is declared', (_l, type) => {
      expectStowageError(
        () => {
          class Jobs {
            @Handler()
            use(@Input('x', type) x: unknown): unknown {
              return x;
            }
          }
          return Jobs;
        },
        HandlerError,
        'HANDLER_UNPACKABLE_INPUT_TYPE',
      );
    });
  });

  describe('when handler() is given such an input type', () => {
    it.each([
      ['Function', Function],
      ['Promise', Promise],
      ['listOf(Function)', listOf(Function)],
    ])('should refuse %s when the handler is declared', (_l, type) => {
      const error = expectStowageError(
        () => handler(({ x }: { x: unknown }) => x, { inputs: { x: type as never } }),
        HandlerError,
        'HANDLER_UNPACKABLE_INPUT_TYPE',
      );
      expect(error.details).toMatchObject({ input: 'x', source: 'handler()' });
      expect(error.fix).toContain('inputs: { x: Point }');
    });
  });

  describe('when the types are ones packagers produce', () => {
    it('should accept them', () => {
      expect(() =>
        handler(({ p }: { p: unknown }) => p, {
          inputs: { p: Point, q: listOf(Point), r: Object, s: Map } as never,
        }),
      ).not.toThrow();
    });
  });
});
