import { classChain } from '../objects';
import type { ErrorCode } from './error-codes';

const BRAND = Symbol.for('@stowage/core:error');

/** What every Stowage error carries besides its message. */
export interface StowageErrorInit {
  /**
   * A stable machine-readable code, e.g. `PACKING_NO_PACKAGER` (see `docs/errors.md`): one of
   * the known codes ({@link ErrorCode}); a sibling package declares its own with `defineErrorCodes`.
   */
  readonly code?: ErrorCode;
  /** Structured facts about the failure (key, packager, artifact type, …). */
  readonly details?: Readonly<Record<string, unknown>>;
  /** How to fix it, in one or two sentences. */
  readonly fix?: string;
  /** The error that caused this one. */
  readonly cause?: unknown;
}

/**
 * The base class of every error Stowage throws.
 *
 * @remarks
 * The message says what failed and where; {@link StowageError.fix} says how to fix it, and is
 * appended to the message after "How to fix:". Causes are rendered as an indented chain by
 * {@link StowageError.describe}. Errors are branded with a `Symbol.for` marker so
 * `PackingError.is(e)` works even when two copies of `@stowage/core` are loaded.
 */
export class StowageError extends Error {
  /** Default code of this class; subclasses override it. */
  static readonly defaultCode: ErrorCode = 'STOWAGE_ERROR';
  /** The stable machine-readable code (see `docs/errors.md`), typed by the known codes. */
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;
  readonly fix: string | undefined;
  /**
   * What failed at this level, without the fix and without any cause's text (the message is this
   * followed by "How to fix"). Use it, not the message, when showing an error inside another text.
   */
  readonly summary: string;
  declare readonly [BRAND]: readonly string[];

  constructor(what: string, init: StowageErrorInit = {}) {
    super(init.fix === undefined ? what : `${what}\n  How to fix: ${init.fix}`, {
      cause: init.cause,
    });
    this.summary = what;
    const ctor = new.target;
    this.name = ctor.name;
    this.code = init.code ?? ctor.defaultCode;
    this.details = Object.freeze({ ...(init.details ?? {}) });
    this.fix = init.fix;
    const kinds = [...classChain(ctor, Error)].map((c) => c.name);
    Object.defineProperty(this, BRAND, { value: Object.freeze(kinds), enumerable: false });
  }

  /**
   * True when `value` is an instance of this error class (or a subclass), even from another copy
   * of the package.
   */
  static is<T extends StowageError>(
    this: abstract new (...args: never[]) => T,
    value: unknown,
  ): value is T {
    if (typeof value !== 'object' || value === null) return false;
    const kinds = (value as { [BRAND]?: unknown })[BRAND];
    return Array.isArray(kinds) && kinds.includes(this.name);
  }

  /**
   * This error and the chain of its causes, one level per paragraph, each indented one step
   * deeper: `Name [CODE]: what failed`, then its own "How to fix" when it has one.
   */
  describe(): string {
    return describeError(this);
  }
}

/**
 * Any thrown value and the chain of its causes, one level per paragraph, each indented one step
 * deeper: `Name [CODE]: what failed` (no code for errors that are not Stowage's), then its own
 * "How to fix" when it has one. {@link StowageError.describe} is this for a Stowage error.
 */
export function describeError(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 10; depth++) {
    const pad = '  '.repeat(depth);
    const lead = depth === 0 ? '' : 'caused by ';
    lines.push(indent(`${lead}${headlineOf(current)}`, pad));
    const fix = StowageError.is(current) ? current.fix : undefined;
    if (fix !== undefined) lines.push(indent(`How to fix: ${fix}`, `${pad}  `));
    current = current instanceof Error ? current.cause : undefined;
  }
  return lines.join('\n');
}

/**
 * What failed, in one level: a StowageError's {@link StowageError.summary}, another Error's
 * message, or a description of a thrown non-Error value. Never includes a cause or a fix.
 */
export function errorSummary(error: unknown): string {
  if (StowageError.is(error)) return error.summary;
  if (error instanceof Error) return error.message;
  return describeValue(error);
}

function headlineOf(error: unknown): string {
  if (StowageError.is(error)) return `${error.name} [${error.code}]: ${error.summary}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return describeValue(error);
}

function indent(text: string, pad: string): string {
  return pad + text.split('\n').join(`\n${pad}  `);
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
