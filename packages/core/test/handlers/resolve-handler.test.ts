import 'reflect-metadata';
import { DataItem, HandlerError, LogHintError } from '@stowage/core';
import { Handler } from '../../src/decorators/handler.decorator';
import { Input } from '../../src/decorators/input.decorator';
import { Param } from '../../src/decorators/param.decorator';
import { resolveHandler, type HandlerLike } from '../../src/handlers/resolve-handler';
import { listOf } from '../../src/decorators/type-hint';
import { handler } from '../../src/handlers/handler.function';

class Point {
  constructor(
    readonly x = 0,
    readonly y = 0,
  ) {}
}
interface Shape {
  area: number;
}

function codeOf(target: HandlerLike): string {
  try {
    resolveHandler(target);
  } catch (e) {
    if (HandlerError.is(e)) return e.code;
    throw e;
  }
  return 'no error';
}

describe('resolveHandler', () => {
  describe('when a @Handler method binds inputs and params', () => {
    class Jobs {
      factor = 2;
      @Handler({ outputs: ['scaled : result', null], labels: { team: 'geo' } })
      scale(
        @Input('point') point: Point,
        @Param('by') by: number,
        @Input('raw') raw: DataItem,
      ): [Point, string] {
        return [new Point(point.x * by * this.factor, point.y * by * this.factor), raw.key];
      }
    }

    it('should type inputs from design:paramtypes and keep the declared hints', () => {
      const definition = resolveHandler([new Jobs(), 'scale']);
      expect(definition.name).toBe('scale');
      expect(definition.kind).toBe('method');
      expect(definition.inputs).toEqual([
        { name: 'point', type: Point },
        { name: 'raw', type: DataItem },
      ]);
      expect(definition.params).toEqual(['by']);
      expect(definition.outputs.map((o) => o?.key ?? null)).toEqual(['scaled', null]);
      expect(definition.labels).toEqual({ team: 'geo' });
    });

    it('should call the method on the instance with arguments in parameter order', async () => {
      const raw = { key: 'raw-item' } as unknown as DataItem;
      const definition = resolveHandler([new Jobs(), 'scale']);
      const result = await definition.invoke({
        inputs: { point: new Point(1, 2), raw },
        params: { by: 3 },
        context: undefined,
      });
      expect(result).toEqual([new Point(6, 12), 'raw-item']);
    });
  });

  describe('when an input is typed as an interface', () => {
    class Jobs {
      @Handler()
      measure(@Input('shape') shape: Shape): number {
        return shape.area;
      }
      @Handler()
      measureTyped(@Input('shape', Point) shape: Shape): number {
        return shape.area;
      }
    }

    it('should refuse to guess with HANDLER_AMBIGUOUS_INPUT_TYPE', () => {
      expect(codeOf([new Jobs(), 'measure'])).toBe('HANDLER_AMBIGUOUS_INPUT_TYPE');
    });

    it('should use the explicit type when one is given', () => {
      expect(resolveHandler([new Jobs(), 'measureTyped']).inputs).toEqual([
        { name: 'shape', type: Point },
      ]);
    });
  });

  describe('when the build emitted no type metadata', () => {
    class Jobs {
      @Handler()
      use(@Input('point') point: Point, @Input('points', listOf(Point)) points: Point[]): number {
        return point.x + points.length;
      }
    }

    it('should say so and how to fix it', () => {
      Reflect.deleteMetadata('design:paramtypes', Jobs.prototype, 'use');
      let error: unknown;
      try {
        resolveHandler([new Jobs(), 'use']);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(HandlerError);
      expect((error as HandlerError).code).toBe('HANDLER_MISSING_TYPE_METADATA');
      expect((error as HandlerError).message).toContain('"point"');
      expect((error as HandlerError).fix).toContain('emitDecoratorMetadata');
      expect((error as HandlerError).fix).toContain("@Input('point', Point)");
    });
  });

  describe('when a parameter has no binding', () => {
    class Jobs {
      @Handler()
      half(@Input('point') point: Point, loose: number): number {
        return point.x + loose;
      }
    }

    it('should throw HANDLER_UNBOUND_PARAMETER', () => {
      expect(codeOf([new Jobs(), 'half'])).toBe('HANDLER_UNBOUND_PARAMETER');
    });
  });

  describe('when the method is not marked @Handler', () => {
    class Jobs {
      plain(@Input('point') point: Point): number {
        return point.x;
      }
    }

    it('should throw HANDLER_NOT_DECORATED', () => {
      expect(codeOf([new Jobs(), 'plain'])).toBe('HANDLER_NOT_DECORATED');
    });

    it('should throw HANDLER_NOT_CALLABLE for a missing method', () => {
      expect(codeOf([new Jobs(), 'nothing'])).toBe('HANDLER_NOT_CALLABLE');
    });
  });

  describe('when given the decorated method function itself', () => {
    class Jobs {
      @Handler({ outputs: ['sum'] })
      add(@Param('a') a: number, @Param('b') b = 10): number {
        return a + b;
      }
    }

    it('should resolve it without an instance, leaving missing params undefined', async () => {
      const definition = resolveHandler(Jobs.prototype.add);
      expect(await definition.invoke({ inputs: {}, params: { a: 1 }, context: undefined })).toBe(
        11,
      );
    });
  });

  describe('when given a plain function', () => {
    it('should accept any param and declare no inputs or outputs', async () => {
      const definition = resolveHandler(({ a }: { a: number }) => a * 2);
      expect(definition.kind).toBe('function');
      expect(definition.inputs).toEqual([]);
      expect(definition.params).toBeUndefined();
      expect(definition.outputs).toEqual([]);
      expect(await definition.invoke({ inputs: {}, params: { a: 4 }, context: undefined })).toBe(8);
    });
  });

  describe('when given a handler() function', () => {
    it('should pass inputs and params in one object and the context second', async () => {
      const fn = handler(({ p, k }: { p: Point; k: number }, ctx: unknown) => [p.x * k, ctx], {
        inputs: { p: Point },
        params: ['k'],
        outputs: ['out'],
        name: 'times',
      });
      const definition = resolveHandler(fn);
      expect(definition.name).toBe('times');
      expect(definition.inputs).toEqual([{ name: 'p', type: Point }]);
      expect(definition.params).toEqual(['k']);
      expect(
        await definition.invoke({ inputs: { p: new Point(2) }, params: { k: 5 }, context: 'ctx' }),
      ).toEqual([10, 'ctx']);
      expect(fn({ p: new Point(3), k: 2 })).toEqual([6, undefined]);
    });

    it('should reject an input type that is not a class', () => {
      expect(() =>
        handler(({ p }: { p: Point }) => p, { inputs: { p: 'Point' as never } }),
      ).toThrow(expect.objectContaining({ code: 'HANDLER_INVALID_INPUT_TYPE' }));
    });

    it('should reject a malformed output hint when it is declared', () => {
      expect(() => handler(() => 1, { outputs: ['x : file[format=csv'] })).toThrow(LogHintError);
    });
  });
});
