import type { DataItem } from '../../data/data-item';
import { BuiltinPackager } from '../../decorators/packager.decorator';
import { Pack } from '../../decorators/pack.decorator';
import { Unpack } from '../../decorators/unpack.decorator';
import { ERROR_CLASSES } from '../../serialization/object-tags';
import { holdsAsResult } from '../../serialization/tagged-json';
import type { PackOutput } from '../pack-context';
import { fileArtifact } from './builtin-io';
import { defineOwn } from '../../objects';

/** The JSON form of an Error: name, message, stack, own fields, and its cause chain. */
export interface ErrorRecord {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly code?: unknown;
  readonly cause?: ErrorRecord | { readonly value: unknown };
  readonly errors?: readonly ErrorRecord[];
}

function toRecord(e: unknown, depth: number): ErrorRecord | { value: unknown } {
  if (!(e instanceof Error))
    return {
      value: e === undefined ? null : typeof e === 'object' ? Object.prototype.toString.call(e) : e,
    };
  const out: Record<string, unknown> = { name: e.name, message: e.message };
  if (e.stack !== undefined) out['stack'] = e.stack;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') out['code'] = code;
  if ('cause' in e && depth < 20) out['cause'] = toRecord(e.cause, depth + 1);
  if (e instanceof AggregateError && depth < 20)
    out['errors'] = e.errors.map((x: unknown) => toRecord(x, depth + 1));
  return out as unknown as ErrorRecord;
}

function fromRecord(r: unknown, depth: number): unknown {
  if (typeof r !== 'object' || r === null || depth > 20) return r;
  const rec = r as Record<string, unknown>;
  if (!('message' in rec)) return rec['value'];
  const name = typeof rec['name'] === 'string' ? rec['name'] : 'Error';
  const ctor = ERROR_CLASSES.get(name) ?? Error;
  const e = Object.create(ctor.prototype) as Error;
  const define = (k: string, v: unknown, enumerable = false): void =>
    defineOwn(e, k, v, enumerable);
  define('message', String(rec['message']));
  if (name !== e.name) define('name', name);
  if (typeof rec['stack'] === 'string') define('stack', rec['stack']);
  if (rec['code'] !== undefined) define('code', rec['code'], true);
  if ('cause' in rec) define('cause', fromRecord(rec['cause'], depth + 1));
  if (Array.isArray(rec['errors']))
    define(
      'errors',
      rec['errors'].map((x) => fromRecord(x, depth + 1)),
    );
  return e;
}

/**
 * Packs Errors as a `result` (default: the Error itself, recorded by the run's tagged JSON and
 * rebuilt as the nearest builtin Error class with its name, message, stack, cause and own fields;
 * `object` when its cause or fields hold something a result cannot) or a JSON `file`
 * (`{ name, message, stack, code?, cause? }`); unpacking a file rebuilds an Error of the builtin
 * class named (custom classes come back as `Error` with their name; use `object` to keep the
 * class).
 */
@BuiltinPackager({
  type: Error,
  name: 'stowage.error',
  packSubclasses: true,
  defaultPackingArtifactType: (value: unknown) => (holdsAsResult(value) ? 'result' : 'object'),
  defaultUnpackingArtifactType: 'file',
})
export class ErrorPackager {
  @Pack('result')
  packResult(value: Error): PackOutput {
    return { result: value };
  }

  @Pack('file')
  packFile(value: Error, key: string): PackOutput {
    const text = JSON.stringify(toRecord(value, 0), null, 2);
    return {
      artifact: fileArtifact(key, Buffer.from(text, 'utf8'), 'json'),
      instructions: { format: 'json' },
    };
  }

  @Unpack('file')
  async unpackFile(item: DataItem): Promise<Error> {
    const e = fromRecord(await item.getJson(), 0);
    return e instanceof Error ? e : new Error(String(e));
  }
}
