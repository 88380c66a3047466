import { ConformanceError } from './checks/conformance.error';

/** The matchers the conformance suites use: any jest-compatible `expect` has them. */
export interface ConformanceMatchers<R = void> {
  toBe(expected: unknown): R;
  toEqual(expected: unknown): R;
  toMatchObject(expected: object | readonly object[]): R;
  toContain(expected: unknown): R;
  toHaveLength(expected: number): R;
  toBeInstanceOf(expected: unknown): R;
  toBeGreaterThanOrEqual(expected: number | bigint): R;
  toBeUndefined(): R;
  toThrow(expected?: unknown): R;
  toMatch(expected: RegExp | string): R;
}

/** What `expect(actual)` returns: the matchers, their negation, and the promise forms. */
export interface ConformanceExpectation extends ConformanceMatchers {
  readonly not: ConformanceMatchers;
  readonly rejects: ConformanceMatchers<Promise<void>>;
  readonly resolves: ConformanceMatchers<Promise<void>>;
}

/** A test body or hook; may return a promise. */
export type TestFunction = () => unknown;

/**
 * The test runner functions the conformance suites register their tests with: jest's, vitest's,
 * or `node:test`'s `describe`/`it`/`beforeEach`/`afterEach` with a jest-compatible `expect` (for
 * example the `expect` package).
 */
export interface TestRunner {
  readonly describe: (name: string, body: () => void) => unknown;
  /** The third argument is a timeout in milliseconds; runners that take none ignore it. */
  readonly it: (name: string, body: TestFunction, timeout?: number) => unknown;
  readonly expect: (actual: unknown) => ConformanceExpectation;
  readonly beforeEach: (body: TestFunction, timeout?: number) => unknown;
  readonly afterEach: (body: TestFunction, timeout?: number) => unknown;
}

/** The part of the `node:test` module {@link nodeTestRunner} uses. */
export interface NodeTestModule {
  readonly describe: (name: string, fn: () => void) => unknown;
  readonly it: (name: string, options: { timeout?: number }, fn: TestFunction) => unknown;
  readonly beforeEach: (fn: TestFunction, options?: { timeout?: number }) => unknown;
  readonly afterEach: (fn: TestFunction, options?: { timeout?: number }) => unknown;
}

/**
 * A {@link TestRunner} over `node:test`, which takes a timeout as an option rather than as the
 * last argument, and has no `expect`: pass a jest-compatible one (the `expect` package).
 *
 * @example
 * ```ts
 * import * as nodeTest from 'node:test';
 * import { expect } from 'expect';
 * useTestRunner(nodeTestRunner(nodeTest, expect));
 * ```
 */
export function nodeTestRunner(
  nodeTest: NodeTestModule,
  expect: (actual: unknown) => ConformanceExpectation,
): TestRunner {
  const options = (timeout: number | undefined): { timeout?: number } =>
    timeout === undefined ? {} : { timeout };
  return {
    describe: (name, body) => nodeTest.describe(name, body),
    it: (name, body, timeout) => nodeTest.it(name, options(timeout), body),
    expect,
    beforeEach: (body, timeout) => nodeTest.beforeEach(body, options(timeout)),
    afterEach: (body, timeout) => nodeTest.afterEach(body, options(timeout)),
  };
}

const NAMES = ['describe', 'it', 'expect', 'beforeEach', 'afterEach'] as const;

let chosen: TestRunner | undefined;

/**
 * Tells the conformance suites which test runner to register with. Call it once, before
 * `describePackager`/`describeStore`, in each test file (or a setup file) when the runner's
 * functions are not globals: under `node:test`, or vitest without `globals: true`.
 *
 * @example
 * ```ts
 * import { afterEach, beforeEach, describe, expect, it } from 'vitest';
 * useTestRunner({ describe, it, expect, beforeEach, afterEach });
 * ```
 */
export function useTestRunner(runner: TestRunner): void {
  const missing = NAMES.filter((name) => typeof runner[name] !== 'function');
  if (missing.length > 0)
    throw new ConformanceError(
      'test-runner',
      `useTestRunner() was given no function for ${missing.join(', ')}.`,
      'pass all five: describe, it, beforeEach and afterEach from your runner, and a jest-compatible expect.',
    );
  chosen = runner;
}

/**
 * The runner the suites use: the one given to {@link useTestRunner}; else the globals jest (and
 * vitest with `globals: true`) define; else `@jest/globals` when it is installed.
 * @internal
 */
export function testRunner(): TestRunner {
  if (chosen !== undefined) return chosen;
  const globals = globalThis as unknown as Partial<Record<(typeof NAMES)[number], unknown>>;
  if (NAMES.every((name) => typeof globals[name] === 'function'))
    return globals as unknown as TestRunner;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('@jest/globals') as TestRunner;
  } catch (error) {
    throw new ConformanceError(
      'test-runner',
      'No test runner was found: describe, it and expect are not globals and @jest/globals is not installed.',
      "call useTestRunner({ describe, it, expect, beforeEach, afterEach }) first, with your runner's functions (vitest's, or nodeTestRunner(nodeTest, expect) under node:test), or run the suite under jest.",
      { cause: error },
    );
  }
}
