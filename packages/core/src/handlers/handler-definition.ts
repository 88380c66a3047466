import type { LogHint } from '../log-hints/log-hint';
import type { TypeHint } from '../decorators/type-hint';

/** One input a handler takes: its name and the type it is unpacked into. */
export interface HandlerInput {
  readonly name: string;
  /** The resolved type; `DataItem` (or a subclass) means "the data item itself". */
  readonly type: TypeHint;
}

/** What a handler receives when it is invoked. @internal */
export interface HandlerArguments {
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly params: Readonly<Record<string, unknown>>;
  /** The run's context, handed to a method parameter typed `RunContext` and to functions. */
  readonly context: unknown;
}

/**
 * A handler resolved for running: its inputs with their types, params, output hints and how to
 * call it. Built by `resolveHandler`; frozen.
 */
export interface HandlerDefinition {
  readonly name: string;
  readonly kind: 'method' | 'function';
  readonly inputs: readonly HandlerInput[];
  /** The params the handler declares; `undefined` when any param is accepted (a plain function). */
  readonly params: readonly string[] | undefined;
  readonly outputs: readonly (LogHint | null)[];
  readonly labels: Readonly<Record<string, string>>;
  /** Calls the handler. @internal */
  readonly invoke: (args: HandlerArguments) => Promise<unknown>;
}
