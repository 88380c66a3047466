import type { LogHintValue } from './log-hint';
import type { Token } from './log-hint.lexer';
import { QUOTE_FIX, type TokenCursor } from './log-hint-cursor';
import { MAX_LIST_DEPTH, OPTION_NAME_PATTERN } from './log-hint-patterns';
import { describe, typedWord } from './log-hint-values';
import { defineOwn } from '../objects';

/**
 * Parses `[name=value, …]` from the cursor's `[` through its closing `]`; values are typed
 * (numbers, booleans, `null`, quoted strings, nested lists). A bare value after a `,` that is not
 * followed by `=` continues the option before it as a list: `shape=2,3` is `shape=[2, 3]`. Option
 * names become own keys even when they are `__proto__`. @internal
 * @throws LogHintError (`LOG_HINT_DUPLICATE_OPTION`, `LOG_HINT_EXPECTED_EQUALS`,
 * `LOG_HINT_BAD_OPTION_NAME`, `LOG_HINT_UNCLOSED_BRACKET`, …) pointing at the column.
 */
export function parseOptions(c: TokenCursor): Record<string, LogHintValue> {
  const open = c.next();
  const options: Record<string, LogHintValue> = {};
  if (c.peek().kind === 'rbracket') {
    c.next();
    return options;
  }
  for (;;) {
    const name = optionName(c, open);
    if (Object.prototype.hasOwnProperty.call(options, name.value)) {
      c.fail(
        'LOG_HINT_DUPLICATE_OPTION',
        name,
        `the option "${name.value}" is given twice.`,
        'Give each option once.',
      );
    }
    const eq = c.peek();
    if (eq.kind === 'end') unclosed(c, open);
    if (eq.kind !== 'equals') {
      c.fail(
        'LOG_HINT_EXPECTED_EQUALS',
        eq,
        `expected '=' after the option "${name.value}" but found ${describe(eq)}.`,
        `Give every option a value: ${name.value}=value.`,
      );
    }
    c.next();
    defineOwn(options, name.value, continuedList(c, parseValue(c, open, 0)));
    if (separator(c, open)) return options;
  }
}

function optionName(c: TokenCursor, open: Token): Token {
  const token = c.peek();
  if (token.kind === 'end') unclosed(c, open);
  if (token.kind === 'word' && OPTION_NAME_PATTERN.test(token.value)) {
    c.next();
    return token;
  }
  if (token.kind === 'word' || token.kind === 'string') {
    c.fail(
      'LOG_HINT_BAD_OPTION_NAME',
      token,
      `"${token.value}" is not a valid option name.`,
      'An option name is a bare identifier (letters, digits, "_", not starting with a digit), e.g. format.',
    );
  }
  return c.fail(
    'LOG_HINT_EXPECTED_OPTION_NAME',
    token,
    `expected an option name but found ${describe(token)}.`,
    "Write options as name=value separated by ',' with no trailing ','.",
  );
}

/** Whether the cursor is at `, value` where the value is not an option name (no `=` after it). */
function atContinuation(c: TokenCursor): boolean {
  const value = c.ahead(1);
  return (
    c.peek().kind === 'comma' &&
    (value?.kind === 'word' || value?.kind === 'string') &&
    c.ahead(2)?.kind !== 'equals'
  );
}

/** `first, v2, v3` after `name=`: a list of the scalars; a lone value (or a list) stays as it is. */
function continuedList(c: TokenCursor, first: LogHintValue): LogHintValue {
  if (Array.isArray(first) || !atContinuation(c)) return first;
  const items: LogHintValue[] = [first];
  while (atContinuation(c)) {
    c.next();
    const token = c.next();
    items.push(token.kind === 'word' ? wordValue(c, token) : token.value);
  }
  return items;
}

/** Consumes ',' (returns false) or the closing ']' (returns true). */
function separator(c: TokenCursor, open: Token): boolean {
  const token = c.next();
  if (token.kind === 'comma') return false;
  if (token.kind === 'rbracket') return true;
  if (token.kind === 'end') unclosed(c, open);
  return c.fail(
    'LOG_HINT_EXPECTED_COMMA',
    token,
    `expected ',' or ']' but found ${describe(token)}.`,
    `Separate items with ','. ${QUOTE_FIX}`,
  );
}

function parseValue(c: TokenCursor, open: Token, depth: number): LogHintValue {
  const token = c.peek();
  if (token.kind === 'end') unclosed(c, open);
  if (token.kind === 'string') {
    c.next();
    return token.value;
  }
  if (token.kind === 'word') {
    c.next();
    return wordValue(c, token);
  }
  if (token.kind === 'lbracket') return parseList(c, depth + 1);
  return c.fail(
    'LOG_HINT_EXPECTED_VALUE',
    token,
    `expected a value but found ${describe(token)}.`,
    `Write a value: a number, true, false, null, a word, a quoted string or a list [a, b]. ${QUOTE_FIX}`,
  );
}

function parseList(c: TokenCursor, depth: number): LogHintValue[] {
  const open = c.next();
  if (depth > MAX_LIST_DEPTH) {
    c.fail(
      'LOG_HINT_TOO_DEEP',
      open,
      `lists are nested more than ${MAX_LIST_DEPTH} levels deep.`,
      'Flatten the value, or pass it in an object-form hint.',
    );
  }
  const items: LogHintValue[] = [];
  if (c.peek().kind === 'rbracket') {
    c.next();
    return items;
  }
  for (;;) {
    items.push(parseValue(c, open, depth));
    if (separator(c, open)) return items;
  }
}

function wordValue(c: TokenCursor, token: Token): LogHintValue {
  const value = typedWord(token.value);
  if (value === undefined) {
    c.fail(
      'LOG_HINT_BAD_NUMBER',
      token,
      `the number ${token.value} cannot be represented exactly.`,
      `Quote it to pass it as a string: "${token.value}".`,
    );
  }
  return value;
}

function unclosed(c: TokenCursor, open: Token): never {
  return c.fail(
    'LOG_HINT_UNCLOSED_BRACKET',
    open,
    "this '[' is never closed.",
    "Close it with ']'.",
  );
}
