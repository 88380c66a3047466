import { bundleInput, isPlainCollection, unpackReference } from '../bundling/bundle-input';
import type { BundlePorts } from '../bundling/bundle-ports';
import { DataItem } from '../data/data-item';
import { BundlingError } from '../errors/bundling.error';
import { StowageError } from '../errors/stowage.error';
import { UnpackingError } from '../errors/unpacking.error';
import type { HandlerDefinition } from './handler-definition';
import type { InputSource } from './run-options';
import { typeHintName } from './type-hint';

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
    const source = sources[name];
    if (source === undefined) continue;
    const where = `the input "${name}"`;
    try {
      values[name] = isPlainCollection(source)
        ? await bundleInput(source, type, ports, where)
        : await unpackReference(source as string | DataItem, type, ports, where);
    } catch (cause) {
      if (BundlingError.is(cause)) throw cause;
      const url = recordedInput(source);
      const text =
        cause instanceof StowageError
          ? `${cause.name} [${cause.code}]: ${cause.message}`
          : String(cause);
      throw new UnpackingError(
        `Unpacking ${where} (${url}) into ${typeHintName(type)} failed before the handler ran: ${text}`,
        {
          code: 'UNPACKING_INPUT_FAILED',
          details: { input: name, url, type: typeHintName(type) },
          cause,
          fix: 'See the cause: check the URI, that the artifact exists, and that its type matches the declared input type.',
        },
      );
    }
  }
  return values;
}

/** How an input is written in the run record: its URI, or a collection's structure as JSON. @internal */
export function recordedInput(source: InputSource): string {
  if (typeof source === 'string') return source;
  if (source instanceof DataItem) return source.url;
  return JSON.stringify(source, (_key, value: unknown) =>
    value instanceof DataItem ? value.url : value,
  );
}
