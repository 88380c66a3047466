/**
 * Turns the text of `--param key=text` into a value.
 *
 * @remarks
 * The text is read as JSON when it is valid JSON (`3`, `0.5`, `true`, `null`, `[1,2]`,
 * `{"a":1}`, `"quoted"`), otherwise it is kept as the string itself. Quote a value to force a
 * string: `--param id='"007"'`. The handler's declared parameter types may convert further.
 */
export function parseParamValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return text;
  if (!/^[-\d"[{]|^(true|false|null)$/.test(trimmed)) return text;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return text;
  }
}

/** Parses every parameter text with {@link parseParamValue}. */
export function parseParamValues(texts: Readonly<Record<string, string>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(texts)) out[key] = parseParamValue(text);
  return out;
}
