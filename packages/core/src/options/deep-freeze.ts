/** Freezes an options object and the arrays it holds; returns it. @internal */
export function deepFreeze<T extends object>(value: T): T {
  for (const item of Object.values(value)) {
    if (Array.isArray(item)) Object.freeze(item);
  }
  return Object.freeze(value);
}
