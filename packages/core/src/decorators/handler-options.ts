import type { LogHintSource } from '../log-hints/parse-log-hint';
import type { TypeHint } from './type-hint';

/** An output hint: anything `parseLogHint` takes, or `null` to leave that position unlogged. */
export type OutputHint = LogHintSource | null;

/** What `@Handler({...})` accepts. */
export interface HandlerOptions {
  /** Hints for the returned value(s), by position: one hint takes the value whole, several spread an array. */
  readonly outputs?: readonly OutputHint[];
  /** Labels set on the run record. */
  readonly labels?: Readonly<Record<string, string>>;
  /** The run name (default: the method or function name). */
  readonly name?: string;
}

/**
 * What `@Handler({...})` accepts: the handler options, plus the inputs and params declared
 * explicitly (the way to write a handler without parameter decorators, as standard decorators
 * require).
 *
 * @remarks
 * When `inputs` or `params` is given, the method is called like a `handler()` function: with one
 * object holding every input (unpacked to its declared type) and every param by name, and the
 * run's context as its second argument. Do not combine them with `@Input`/`@Param`.
 */
export interface MethodHandlerOptions extends HandlerOptions {
  /** The type each input is unpacked into, by name (a `DataItem` entry receives the data item). */
  readonly inputs?: Readonly<Record<string, TypeHint>>;
  /** The params the method takes, by name; a run setting any other param is rejected. */
  readonly params?: readonly string[];
}
