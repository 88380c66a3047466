import 'reflect-metadata';
import { HandlerError, LogHintError } from '@stowage/core';
import { Handler } from '../../src/decorators/handler.decorator';
import { Input } from '../../src/decorators/input.decorator';
import { Param } from '../../src/decorators/param.decorator';

function definitionError(define: () => unknown): HandlerError | LogHintError {
  try {
    define();
  } catch (e) {
    if (HandlerError.is(e) || LogHintError.is(e)) return e;
    throw e;
  }
  throw new Error('expected the class definition to throw');
}

describe('@Handler, @Input and @Param', () => {
  describe('when @Handler gets a malformed output hint', () => {
    it('should throw LogHintError when the class is defined', () => {
      const error = definitionError(() => {
        class Jobs {
          @Handler({ outputs: ['model : file[format='] })
          train(): number {
            return 1;
          }
        }
        return Jobs;
      });
      expect(error.code).toBe('LOG_HINT_UNCLOSED_BRACKET');
    });
  });

  describe('when @Handler gets bad options', () => {
    it.each([
      ['an unknown option', { output: ['m'] }, 'HANDLER_INVALID_OPTIONS'],
      ['outputs that are not an array', { outputs: 'm' }, 'HANDLER_INVALID_OPTIONS'],
      ['a numeric label', { labels: { n: 1 } }, 'HANDLER_INVALID_OPTIONS'],
      ['an empty name', { name: ' ' }, 'HANDLER_INVALID_OPTIONS'],
      ['two outputs with one key', { outputs: ['m', 'm : file'] }, 'HANDLER_DUPLICATE_OUTPUT'],
    ])('should reject %s', (_label, options, code) => {
      const error = definitionError(() => {
        class Jobs {
          @Handler(options as never)
          train(): number {
            return 1;
          }
        }
        return Jobs;
      });
      expect(error.code).toBe(code);
    });
  });

  describe('when @Handler is not on a method', () => {
    it('should throw at definition', () => {
      expect(() => {
        class Jobs {
          @(Handler() as PropertyDecorator)
          value = 1;
        }
        return Jobs;
      }).toThrow(expect.objectContaining({ code: 'DEFINITION_NOT_A_METHOD' }));
    });
  });

  describe('when a name is bound twice', () => {
    it('should throw HANDLER_DUPLICATE_BINDING', () => {
      const error = definitionError(() => {
        class Jobs {
          @Handler()
          train(@Input('data') a: number, @Input('data') b: number): number {
            return a + b;
          }
        }
        return Jobs;
      });
      expect(error.code).toBe('HANDLER_DUPLICATE_BINDING');
    });

    it('should allow an input and a param to share a name', () => {
      expect(() => {
        class Jobs {
          @Handler()
          train(@Input('data') a: number, @Param('data') b: number): number {
            return a + b;
          }
        }
        return Jobs;
      }).not.toThrow();
    });
  });

  describe('when one parameter has two bindings', () => {
    it('should throw HANDLER_DUPLICATE_BINDING', () => {
      const error = definitionError(() => {
        class Jobs {
          @Handler()
          train(@Input('data') @Param('lr') a: number): number {
            return a;
          }
        }
        return Jobs;
      });
      expect(error.code).toBe('HANDLER_DUPLICATE_BINDING');
    });
  });

  describe('when a name is invalid', () => {
    it('should throw HANDLER_INVALID_NAME', () => {
      const error = definitionError(() => {
        class Jobs {
          @Handler()
          train(@Param('has space') a: number): number {
            return a;
          }
        }
        return Jobs;
      });
      expect(error.code).toBe('HANDLER_INVALID_NAME');
    });
  });

  describe('when put on a constructor parameter', () => {
    it('should throw HANDLER_NOT_A_METHOD_PARAMETER', () => {
      const error = definitionError(() => {
        class Jobs {
          constructor(@Param('x') readonly x: number) {}
        }
        return Jobs;
      });
      expect(error.code).toBe('HANDLER_NOT_A_METHOD_PARAMETER');
    });
  });
});
