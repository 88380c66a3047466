const BRAND = Symbol.for('@stowage/core:error');

/** What every Stowage error carries besides its message. */
export interface StowageErrorInit {
  /** A stable machine-readable code, e.g. `PACKING_NO_PACKAGER` (see `docs/errors.md`). */
  readonly code?: string;
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
  static readonly defaultCode: string = 'STOWAGE_ERROR';
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly fix: string | undefined;
  declare readonly [BRAND]: readonly string[];

  constructor(what: string, init: StowageErrorInit = {}) {
    super(init.fix === undefined ? what : `${what}\n  How to fix: ${init.fix}`, {
      cause: init.cause,
    });
    const ctor = new.target;
    this.name = ctor.name;
    this.code = init.code ?? ctor.defaultCode;
    this.details = Object.freeze({ ...(init.details ?? {}) });
    this.fix = init.fix;
    const kinds: string[] = [];
    for (
      let c: unknown = ctor;
      typeof c === 'function' && c !== Error;
      c = Object.getPrototypeOf(c)
    ) {
      kinds.push((c as { name: string }).name);
    }
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

  /** The message followed by the chain of causes, each indented one level deeper. */
  describe(): string {
    const lines = [`${this.name} [${this.code}]: ${this.message}`];
    let cause: unknown = this.cause;
    for (let depth = 1; cause !== undefined && depth < 10; depth++) {
      const pad = '  '.repeat(depth);
      const text =
        cause instanceof Error ? `${cause.name}: ${cause.message}` : describeValue(cause);
      lines.push(`${pad}caused by ${text.split('\n').join(`\n${pad}  `)}`);
      cause = cause instanceof Error ? cause.cause : undefined;
    }
    return lines.join('\n');
  }
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
