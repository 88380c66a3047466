import { HandlerError } from '../errors/handler.error';
import { isCollectionHint, typeHintName, type TypeHint } from './type-hint';

/** Types no packager can produce, with what most likely made an input carry them. */
const UNPACKABLE: ReadonlyMap<unknown, string> = new Map<unknown, string>([
  [
    Function,
    'TypeScript records Function for a function type, and for a class imported only as a type (`import { type X }` or `import type { X }`)',
  ],
  [Symbol, 'a symbol is not data'],
  [Promise, 'a Promise is not data (the handler receives values, already awaited)'],
  [WeakMap, 'a WeakMap holds no enumerable data'],
  [WeakSet, 'a WeakSet holds no enumerable data'],
  [WeakRef, 'a WeakRef holds no data of its own'],
]);

/**
 * Where a checked input type came from: a method parameter's emitted design type, the type given
 * to `@Input`, or the `inputs` of `handler()` / `@Handler`. @internal
 */
export type InputTypeSource = 'design' | '@Input' | 'handler()' | '@Handler';

/**
 * Refuses an input type no packager can produce (`Function`, `Symbol`, `Promise`, the weak
 * collections), at any depth of a collection hint, naming the handler, the input and the likely
 * cause. @internal
 *
 * @throws HandlerError (`HANDLER_UNPACKABLE_INPUT_TYPE`).
 */
export function checkInputType(
  hint: TypeHint,
  handler: string,
  input: string,
  source: InputTypeSource,
): void {
  const found = unpackableIn(hint);
  if (found === undefined) return;
  const cause = UNPACKABLE.get(found) as string;
  const from = source === 'design' ? 'its emitted design type' : 'the type given';
  const importFix =
    found === Function
      ? 'If the parameter is typed with a class, import it as a value (`import { X }`, not `import { type X }` or `import type`), or give it explicitly'
      : 'Give the class to unpack into explicitly';
  const example =
    source === 'handler()'
      ? `inputs: { ${input}: Point }`
      : source === '@Handler'
        ? `@Handler({ inputs: { ${input}: Point } })`
        : `@Input('${input}', Point)`;
  throw new HandlerError(
    `The input "${input}" of the handler ${handler} has the type ${typeHintName(hint)} (${from}), which no packager can produce: ${cause}.`,
    {
      code: 'HANDLER_UNPACKABLE_INPUT_TYPE',
      details: { handler, input, type: (found as { name: string }).name, source },
      fix: `${importFix}: ${example}; a parameter that should receive the stored item itself can be typed DataItem.`,
    },
  );
}

function unpackableIn(hint: TypeHint | undefined): unknown {
  if (hint === undefined) return undefined;
  if (isCollectionHint(hint))
    return UNPACKABLE.has(hint.collection) ? hint.collection : unpackableIn(hint.items);
  return UNPACKABLE.has(hint) ? hint : undefined;
}
