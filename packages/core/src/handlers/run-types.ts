import type { RunRecord } from '../runs/run-record';
import type { OutputHint } from '../decorators/handler-options';
import type { InputSource, RunOptions } from './run-options';

/**
 * The output key a hint names, as a type: `'model : model'` → `'model'`, `'*metrics'` →
 * `'metrics'`, `'2*nested : file'` → `'nested'`, `{ key: 'x' }` → `'x'`; `string` when the hint
 * is not a literal (then nothing about the keys is known), `never` for `null` (a skipped position).
 * A `*key` hint also names the keys its value unbundles into (`` `key_${string}` ``).
 */
export type OutputKeyOf<H> = H extends null
  ? never
  : H extends string
    ? string extends H
      ? string
      : HintKeyText<H>
    : H extends { readonly key: infer K }
      ? K extends string
        ? HintKeyText<K>
        : string
      : string;

/**
 * The key a log hint's text names, as a type: the part before `:`, without surrounding spaces
 * and without a `*` / `N*` prefix; a `*key` hint also names the keys its value unbundles into
 * (`key_0`, `key_train`, `key_train_mse`: `` `key_${string}` ``).
 */
export type HintKeyText<S extends string> = S extends `${infer Head}:${string}`
  ? HintKeyText<Head>
  : S extends ` ${infer Tail}`
    ? HintKeyText<Tail>
    : S extends `${infer Head} `
      ? HintKeyText<Head>
      : S extends `${string}*${infer K}`
        ? K | `${K}_${string}`
        : S;

/** The keys named by a handler's declared outputs (`string` when they are not literal types). */
export type OutputKeys<O extends readonly OutputHint[]> = OutputKeyOf<O[number]>;

/**
 * A run record whose `results` are keyed by the handler's declared outputs: reading a key the
 * handler does not declare is a compile error (results hold only the `result` outputs, so each
 * key may be absent).
 */
export type TypedRunRecord<K extends string> = string extends K
  ? RunRecord
  : Omit<RunRecord, 'results'> & { readonly results: { readonly [P in K]?: unknown } };

/**
 * The options of `run()` for a handler made by `handler()` from a function taking `A`: each
 * param must be one of `A`'s fields with its type, and each input one of `A`'s fields.
 */
export interface TypedRunOptions<A> extends Omit<RunOptions, 'params' | 'inputs'> {
  /** Values of the function's params, by name, with the types the function declares. */
  readonly params?: { readonly [K in keyof A]?: A[K] };
  /** Data to unpack into the function's inputs, by input name. */
  readonly inputs?: { readonly [K in keyof A]?: InputSource };
}

/** The names of `T`'s methods (the keys `run([instance, name])` can name). */
export type MethodNames<T> = {
  [K in keyof T]-?: T[K] extends (...args: never[]) => unknown ? K : never;
}[keyof T] &
  (string | symbol);

/**
 * The method name `run([instance, name])` accepts: one of the instance's methods when the name
 * is a literal; any name when it is only known at run time (typed `string`, checked when the run
 * starts).
 */
export type MethodNameOf<T, M> = string extends M ? M : M extends MethodNames<T> ? M : never;

/** A function that is not a `handler()` result (those take the typed overloads of `run()`). */
export type PlainFunction<F> = F extends { readonly handlerName: string } ? never : F;
