import { classChain, defineOwn, isPlainObject, prototypesOf } from '../src/objects';

describe(isPlainObject, () => {
  describe('when given an object literal or a null-prototype object', () => {
    it.each([[{}], [{ a: 1 }], [Object.create(null) as object]])('should accept %p', (value) => {
      expect(isPlainObject(value)).toBe(true);
    });
  });

  describe('when given anything else', () => {
    class Point {
      x = 1;
    }
    it.each([
      [null],
      [undefined],
      [[]],
      [[1]],
      [new Point()],
      [new Date(0)],
      [new Map()],
      ['a'],
      [1],
    ])('should refuse %p', (value) => {
      expect(isPlainObject(value)).toBe(false);
    });
  });
});

describe(defineOwn, () => {
  describe('when the key is "__proto__"', () => {
    it('should keep it as an own data field and leave the prototype alone', () => {
      const target: Record<string, unknown> = {};
      defineOwn(target, '__proto__', { polluted: true });
      expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
      expect(Object.keys(target)).toEqual(['__proto__']);
      expect(Object.getOwnPropertyDescriptor(target, '__proto__')).toEqual({
        value: { polluted: true },
        enumerable: true,
        writable: true,
        configurable: true,
      });
    });
  });

  describe('when asked for a hidden field', () => {
    it('should define it non-enumerable', () => {
      const target = {};
      defineOwn(target, 'stack', 'x', false);
      expect(Object.keys(target)).toEqual([]);
      expect((target as { stack: string }).stack).toBe('x');
    });
  });
});

describe(prototypesOf, () => {
  describe('when walking an instance of a subclass', () => {
    it('should list its prototypes nearest first, ending before null', () => {
      class Base {}
      class Child extends Base {}
      expect([...prototypesOf(new Child())]).toEqual([
        Child.prototype,
        Base.prototype,
        Object.prototype,
      ]);
      expect([...prototypesOf(Object.create(null) as object)]).toEqual([]);
    });
  });
});

describe(classChain, () => {
  class Base {}
  class Middle extends Base {}
  class Leaf extends Middle {}

  describe('when no stop is given', () => {
    it('should list the class and its bases, nearest first', () => {
      expect([...classChain(Leaf)]).toEqual([Leaf, Middle, Base]);
    });
  });

  describe('when a stop is given', () => {
    it('should end before it', () => {
      class Failure extends Error {}
      class Timeout extends Failure {}
      expect([...classChain(Timeout, Error)]).toEqual([Timeout, Failure]);
    });
  });

  describe('when given something that is not a class', () => {
    it('should list nothing', () => {
      expect([...classChain(undefined)]).toEqual([]);
      expect([...classChain({})]).toEqual([]);
    });
  });
});
