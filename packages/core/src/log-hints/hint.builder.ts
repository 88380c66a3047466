import { guardInput } from '../errors/input-guard';
import { LogHintError } from '../errors/log-hint.error';
import type { Itemized, LogHint, LogHintInit } from './log-hint';
import { normalizeLogHint } from './log-hint-object';

/** The data properties of an options class `O` (its methods left out), all optional. */
export type HintOptions<O> = {
  -readonly [K in keyof O as O[K] extends (...args: never[]) => unknown ? never : K]?: O[K];
};

/**
 * An immutable, typed builder of a {@link LogHint}; every method returns a new builder.
 *
 * @remarks
 * Start one with {@link hint}. `parseLogHint`, `run({ returns })` and `@Handler({ outputs })`
 * accept a builder wherever they accept a hint.
 */
export class LogHintBuilder {
  private constructor(private readonly init: LogHintInit) {}

  /** A builder for `key` with no artifact type, options or metadata. @internal */
  static of(key: string): LogHintBuilder {
    return new LogHintBuilder({ key });
  }

  /**
   * Sets the artifact type and its packing options.
   *
   * @remarks
   * Give the options class as a type argument (`as<PointFileOptions>('file', {...})`) to have the
   * options type-checked, or pass the class itself to also have option names checked at once.
   * @throws LogHintError (`LOG_HINT_UNKNOWN_OPTION`) when an option is not a property of the given class.
   */
  as<O extends object = Record<string, unknown>>(
    artifactType: string,
    options?: HintOptions<O>,
  ): LogHintBuilder;
  as<O extends object>(
    artifactType: string,
    optionsClass: new () => O,
    options?: HintOptions<O>,
  ): LogHintBuilder;
  as(artifactType: string, second?: object, third?: object): LogHintBuilder {
    return guardInput(LogHintError, 'The packing options given to hint().as()', () =>
      this.asType(artifactType, second, third),
    );
  }

  private asType(artifactType: string, second?: object, third?: object): LogHintBuilder {
    if (typeof second !== 'function')
      return this.with({ artifactType, options: { ...(second ?? {}) } });
    const known = Object.keys(new (second as new () => object)());
    for (const name of Object.keys(third ?? {})) {
      if (!known.includes(name)) {
        throw new LogHintError(
          `The log hint for "${this.init.key}" sets the option "${name}", which ${second.name} does not declare.`,
          {
            code: 'LOG_HINT_UNKNOWN_OPTION',
            details: {
              key: this.init.key,
              option: name,
              optionsClass: second.name,
              validOptions: known,
            },
            fix: `Use one of: ${known.join(', ') || '(no options)'}.`,
          },
        );
      }
    }
    return this.with({ artifactType, options: { ...(third ?? {}) } });
  }

  /** Sets the tag moved to the logged version. */
  tag(tag: string): LogHintBuilder {
    return this.with({ tag });
  }

  /** Adds labels (merged over the ones set before). */
  labels(labels: Readonly<Record<string, string>>): LogHintBuilder {
    return guardInput(LogHintError, 'The labels given to hint().labels()', () =>
      this.with({ labels: { ...(this.init.labels ?? {}), ...labels } }),
    );
  }

  /** Splits a collection into one output per item, `depth` levels down (default: all the way). */
  itemized(depth: Itemized = true): LogHintBuilder {
    return this.with({ itemized: depth });
  }

  /** Adds extra data; a value `'...'` links to the run's output of that key. */
  extraData(extraData: Readonly<Record<string, unknown>>): LogHintBuilder {
    return guardInput(LogHintError, 'The extra data given to hint().extraData()', () =>
      this.with({ extraData: { ...(this.init.extraData ?? {}), ...extraData } }),
    );
  }

  /** Adds model metrics; a value `'...'` links to the run's result of that key. */
  metrics(metrics: Readonly<Record<string, unknown>>): LogHintBuilder {
    return guardInput(LogHintError, 'The metrics given to hint().metrics()', () =>
      this.with({ metrics: { ...(this.init.metrics ?? {}), ...metrics } }),
    );
  }

  /**
   * The validated hint.
   * @throws LogHintError when a field is invalid (key, artifact type, tag, level, labels), or
   * `INPUT_UNREADABLE` when reading one throws.
   */
  build(): LogHint {
    return guardInput(LogHintError, 'The log hint', () => normalizeLogHint(this.init));
  }

  /** Same as {@link LogHintBuilder.build}; lets `parseLogHint` take a builder. */
  toLogHint(): LogHint {
    return this.build();
  }

  private with(change: Partial<LogHintInit>): LogHintBuilder {
    return new LogHintBuilder({ ...this.init, ...change });
  }
}

/**
 * Starts a typed log hint for the output `key`.
 *
 * @example
 * ```ts
 * const h = hint('model').as<PointFileOptions>('file', { format: 'json' }).tag('v2').labels({ team: 'geo' });
 * await run(train, { returns: [h] });
 * ```
 */
export function hint(key: string): LogHintBuilder {
  return LogHintBuilder.of(key);
}
