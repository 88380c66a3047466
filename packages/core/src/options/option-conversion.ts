import type { OptionDefinition, OptionItemKind } from './options-schema';

/** Marks a value that cannot be converted to an option's type. @internal */
export const NOT_CONVERTIBLE: unique symbol = Symbol('not-convertible');

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);

/**
 * Converts one log-hint value (a string, or a value a parser already typed) to `kind`.
 * @internal
 */
export function convertScalar(value: unknown, kind: OptionItemKind): unknown {
  switch (kind) {
    case 'string':
      if (typeof value === 'string') return value;
      if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') {
        return String(value);
      }
      return NOT_CONVERTIBLE;
    case 'number':
      if (typeof value === 'number') return Number.isFinite(value) ? value : NOT_CONVERTIBLE;
      if (typeof value === 'string' && value.trim() !== '') {
        const n = Number(value.trim());
        return Number.isFinite(n) ? n : NOT_CONVERTIBLE;
      }
      return NOT_CONVERTIBLE;
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      const word = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
      if (word !== undefined && TRUE_WORDS.has(word)) return true;
      if (word !== undefined && FALSE_WORDS.has(word)) return false;
      return NOT_CONVERTIBLE;
    }
  }
}

/** Converts a value to the option's type; a list accepts an array or a comma-separated string. @internal */
export function convertOption(option: OptionDefinition, value: unknown): unknown {
  if (option.kind !== 'list') return convertScalar(value, option.kind);
  const itemKind = option.itemKind ?? 'string';
  const items = Array.isArray(value)
    ? (value as readonly unknown[])
    : typeof value === 'string'
      ? value.trim() === ''
        ? []
        : value.split(',').map((s) => s.trim())
      : [value];
  const converted = items.map((item) => convertScalar(item, itemKind));
  return converted.includes(NOT_CONVERTIBLE) ? NOT_CONVERTIBLE : converted;
}

/** The first value (or list item) outside the option's allowed set, or `NOT_CONVERTIBLE` when none. @internal */
export function firstDisallowed(option: OptionDefinition, value: unknown): unknown {
  const allowed = option.allowed;
  if (allowed === undefined) return NOT_CONVERTIBLE;
  const items = option.kind === 'list' ? (value as readonly unknown[]) : [value];
  const bad = items.find((item) => !allowed.includes(item));
  return bad === undefined ? NOT_CONVERTIBLE : bad;
}
