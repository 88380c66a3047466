import { UsageError } from '../errors/usage.error';

const KEY = /^[A-Za-z_][\w.-]*$/;

/** One `key=value` pair given on the command line. */
export interface KeyValue {
  readonly key: string;
  readonly value: string;
}

/** Commander's collector for a repeatable option: keeps every occurrence, in order. */
export function collect(value: string, previous: readonly string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * Splits `key=value` at the first `=`.
 *
 * @throws UsageError when there is no `=` or the key is not a name (letters, digits, `_ . -`).
 */
export function parseKeyValue(text: string, flag: string): KeyValue {
  const at = text.indexOf('=');
  const key = at < 0 ? text : text.slice(0, at);
  if (at < 0 || !KEY.test(key)) {
    const example = flag === '--input' ? 'data=store://my-data' : 'alpha=0.5';
    throw new UsageError(`${flag} "${text}" is not of the form key=value.`, {
      details: { flag, text },
      fix: `Write ${flag} ${example} (the key starts with a letter or _; no spaces around =).`,
    });
  }
  return { key, value: text.slice(at + 1) };
}

/**
 * Parses repeated `key=value` options into a record, rejecting a key given twice.
 *
 * @throws UsageError when an entry is malformed or a key repeats.
 */
export function parseKeyValues(
  texts: readonly string[] | undefined,
  flag: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const text of texts ?? []) {
    const { key, value } = parseKeyValue(text, flag);
    if (Object.hasOwn(out, key)) {
      throw new UsageError(`${flag} "${key}" is given twice.`, {
        details: { flag, key },
        fix: `Keep one ${flag} ${key}=… on the command line.`,
      });
    }
    out[key] = value;
  }
  return out;
}
