import { bundleInput, isPlainCollection, unpackReference } from '../bundling/bundle-input';
import type { BundlePorts } from '../bundling/bundle-ports';
import { DataItem } from '../data/data-item';
import { BundlingError } from '../errors/bundling.error';
import { HandlerError } from '../errors/handler.error';
import { UnpackingError } from '../errors/unpacking.error';
import type { RunInput } from '../runs/run-record';
import type { HandlerDefinition } from './handler-definition';
import type { InputSource } from './run-options';
import { typeHintName } from '../decorators/type-hint';

/**
 * Opens and unpacks every given input into its declared type; inputs not given are `undefined`.
 * @internal
 * @throws UnpackingError `UNPACKING_INPUT_FAILED` naming the input (the cause attached), or the
 * BundlingError of a collection input.
 */
export async function bindInputs(
  definition: HandlerDefinition,
  sources: Readonly<Record<string, InputSource>>,
  ports: BundlePorts,
): Promise<Record<string, unknown>> {
  const values: Record<string, unknown> = {};
  for (const { name, type } of definition.inputs) {
    // Own fields only: an input named "constructor" that was not given is not Object.
    const source = Object.prototype.hasOwnProperty.call(sources, name) ? sources[name] : undefined;
    if (source === undefined) continue;
    const where = `the input "${name}"`;
    try {
      const value = isPlainCollection(source)
        ? await bundleInput(source, type, ports, where)
        : await unpackReference(source as string | DataItem, type, ports, where);
      Object.defineProperty(values, name, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } catch (cause) {
      if (BundlingError.is(cause)) throw cause;
      const url = inputText(source);
      throw new UnpackingError(
        `Unpacking ${where} (${url}) into ${typeHintName(type)} failed before the handler ran.`,
        {
          code: 'UNPACKING_INPUT_FAILED',
          details: { input: name, url, type: typeHintName(type) },
          cause,
          fix: 'Check the URI, that the artifact exists, and that its type matches the declared input type (the cause below says which).',
        },
      );
    }
  }
  return values;
}

/** The deepest a collection input may be nested (lists and dicts of URIs). */
export const MAX_INPUT_DEPTH = 100;

/**
 * How an input is written in the run record: its URI, or for a collection the same list/dict
 * with each data item replaced by its URL (other leaves kept as JSON values: a Date as its ISO
 * text, a bigint or non-finite number as its text, a function or symbol as its type name). @internal
 * @throws HandlerError `HANDLER_INVALID_INPUT` for a collection nested deeper than
 * {@link MAX_INPUT_DEPTH} levels, naming the input.
 */
export function recordedInput(source: InputSource, name = 'input'): RunInput {
  return recordedLeaf(source, name, 0);
}

function recordedLeaf(value: unknown, name: string, depth: number): RunInput {
  if (value instanceof DataItem) return value.url;
  if (value === undefined) return null;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'object' && depth >= MAX_INPUT_DEPTH) {
    throw new HandlerError(
      `The input "${name}" is nested deeper than ${MAX_INPUT_DEPTH} levels of lists and dicts.`,
      {
        code: 'HANDLER_INVALID_INPUT',
        details: { input: name, limit: MAX_INPUT_DEPTH },
        fix: 'Give a flatter list/dict of URIs, or pass deep data as a stored artifact.',
      },
    );
  }
  if (Array.isArray(value)) return value.map((v) => recordedLeaf(v, name, depth + 1));
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    // A plain object, or (as JSON.stringify would) the own enumerable fields of another object.
    const out: Record<string, RunInput> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      Object.defineProperty(out, k, {
        value: recordedLeaf(v, name, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return typeof value === 'bigint' ? `${value}` : typeof value;
}

/** An input as one line of text for error messages. */
function inputText(source: InputSource): string {
  const recorded = recordedInput(source);
  return typeof recorded === 'string' ? recorded : JSON.stringify(recorded);
}
