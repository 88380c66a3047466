/**
 * Support for standard (TC39) decorators: the `Symbol.metadata` polyfill and the records a member
 * decorator leaves on `context.metadata` until its class is known.
 *
 * @remarks
 * A standard member decorator receives `(value, context)` and never sees its class, so Stowage
 * stores "what this decorator would have written" as a pending step on `context.metadata` (the
 * object TypeScript 5.2+, esbuild and Babel hand to every decorator of one class, and later set as
 * `Class[Symbol.metadata]`). The steps run once, with the class known, either when `@Packager`
 * runs (class decorators run after every member decorator) or on the first read of the class's
 * records; they write the same reflect-metadata records the legacy decorators write.
 *
 * Node 20 has no `Symbol.metadata`; TypeScript then passes no `context.metadata` at all. Importing
 * `@stowage/core` installs the polyfill TypeScript's own emit and esbuild read:
 * `Symbol.metadata = Symbol.for('Symbol.metadata')` (only when it is missing; never replaced).
 */

/** The well-known `Symbol.metadata`, or its `Symbol.for('Symbol.metadata')` polyfill. @internal */
export const SYMBOL_METADATA: symbol = installSymbolMetadata();

function installSymbolMetadata(): symbol {
  const symbols = Symbol as unknown as { metadata?: symbol };
  if (typeof symbols.metadata === 'symbol') return symbols.metadata;
  const polyfill = Symbol.for('Symbol.metadata');
  Object.defineProperty(Symbol, 'metadata', {
    value: polyfill,
    writable: false,
    enumerable: false,
    configurable: true,
  });
  return polyfill;
}

/** The context object a standard decorator receives (the fields Stowage reads). @internal */
export interface StandardContext {
  readonly kind: 'class' | 'method' | 'getter' | 'setter' | 'field' | 'accessor';
  readonly name: string | symbol | undefined;
  readonly static?: boolean;
  readonly private?: boolean;
  readonly metadata?: Record<PropertyKey, unknown>;
  readonly addInitializer?: (initializer: () => void) => void;
}

const KINDS: ReadonlySet<unknown> = new Set([
  'class',
  'method',
  'getter',
  'setter',
  'field',
  'accessor',
]);

/**
 * True when a decorator's second argument is a standard decorator context: legacy decorators get
 * a property key (string, symbol) or `undefined` there. @internal
 */
export function isStandardContext(value: unknown): value is StandardContext {
  return (
    typeof value === 'object' && value !== null && KINDS.has((value as { kind?: unknown }).kind)
  );
}

/** Writes the records of one standard decorator once its class is known. @internal */
export type PendingStep = (cls: Function) => void;

const PENDING = Symbol.for('@stowage/core:pending-standard-records');
const attached = new WeakSet<object>();

/** Queues `step` on a class's metadata object, in decoration order. @internal */
export function addPendingStep(metadata: Record<PropertyKey, unknown>, step: PendingStep): void {
  const own = Object.prototype.hasOwnProperty.call(metadata, PENDING)
    ? (metadata[PENDING] as PendingStep[])
    : undefined;
  if (own === undefined)
    Object.defineProperty(metadata, PENDING, { value: [step], enumerable: false });
  else own.push(step);
}

/**
 * Runs the pending steps of `cls` (given its metadata object, or read from `cls[Symbol.metadata]`)
 * exactly once. A step that throws leaves the rest unrun: the error is the definition error the
 * legacy decorator would have thrown. @internal
 */
export function attachPendingSteps(cls: Function, metadata?: object): void {
  const own =
    metadata ??
    (Object.prototype.hasOwnProperty.call(cls, SYMBOL_METADATA)
      ? ((cls as unknown as Record<symbol, unknown>)[SYMBOL_METADATA] as object | undefined)
      : undefined);
  if (typeof own !== 'object' || own === null || attached.has(own)) return;
  attached.add(own);
  if (!Object.prototype.hasOwnProperty.call(own, PENDING)) return;
  for (const step of (own as Record<symbol, PendingStep[]>)[PENDING] ?? []) step(cls);
}

/** Runs the pending steps of `cls` and of every base class, oldest first. @internal */
export function attachPendingChain(cls: Function): void {
  const chain: Function[] = [];
  for (
    let c: unknown = cls;
    typeof c === 'function' && c !== Function.prototype;
    c = Object.getPrototypeOf(c)
  )
    chain.push(c);
  for (const c of chain.reverse()) attachPendingSteps(c);
}
