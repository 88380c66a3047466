import { logHintSyntaxError } from './log-hint-syntax-error';

/** The kinds of token in a string log hint. @internal */
export type TokenKind =
  'word' | 'string' | 'star' | 'colon' | 'lbracket' | 'rbracket' | 'comma' | 'equals' | 'end';

/** One token: its kind, its text as written, its value (decoded for strings) and where it starts. @internal */
export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly value: string;
  /** 0-based index of the token's first character. */
  readonly start: number;
}

const PUNCTUATION: Readonly<Record<string, TokenKind>> = {
  '*': 'star',
  ':': 'colon',
  '[': 'lbracket',
  ']': 'rbracket',
  ',': 'comma',
  '=': 'equals',
};
const RESERVED = new Set(['{', '}', '(', ')']);
const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  '/': '/',
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  '0': '\0',
};
const isSpace = (c: string): boolean => /\s/.test(c);
const isControl = (c: string): boolean => c < ' ' || c === '\x7f';
const endsWord = (c: string): boolean =>
  isSpace(c) || c in PUNCTUATION || c === '"' || c === "'" || RESERVED.has(c) || isControl(c);

/**
 * Splits a string log hint into tokens, ending with an `end` token.
 * @internal
 * @throws LogHintError (`LOG_HINT_UNTERMINATED_STRING`, `LOG_HINT_BAD_ESCAPE`,
 * `LOG_HINT_UNEXPECTED_CHARACTER`) pointing at the offending column.
 */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source.charAt(i);
    if (isSpace(c)) {
      i++;
    } else if (c in PUNCTUATION) {
      tokens.push({ kind: PUNCTUATION[c] as TokenKind, text: c, value: c, start: i });
      i++;
    } else if (c === '"' || c === "'") {
      const token = readString(source, i);
      tokens.push(token);
      i += token.text.length;
    } else if (RESERVED.has(c) || isControl(c)) {
      throw logHintSyntaxError(
        'LOG_HINT_UNEXPECTED_CHARACTER',
        source,
        i,
        `the character ${JSON.stringify(c)} is not allowed here.`,
        `Quote a value that contains it, e.g. note="${c}"; the characters { } ( ) are reserved outside quotes.`,
      );
    } else {
      let j = i;
      while (j < source.length && !endsWord(source.charAt(j))) j++;
      const text = source.slice(i, j);
      tokens.push({ kind: 'word', text, value: text, start: i });
      i = j;
    }
  }
  tokens.push({ kind: 'end', text: '', value: '', start: source.length });
  return tokens;
}

function readString(source: string, start: number): Token {
  const quote = source.charAt(start);
  let value = '';
  for (let i = start + 1; i < source.length; i++) {
    const c = source.charAt(i);
    if (c === quote) return { kind: 'string', text: source.slice(start, i + 1), value, start };
    if (c !== '\\') {
      value += c;
      continue;
    }
    const next = source.charAt(i + 1);
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(i + 2, i + 6))) {
      value += String.fromCharCode(parseInt(source.slice(i + 2, i + 6), 16));
      i += 5;
    } else if (next in ESCAPES) {
      value += ESCAPES[next] as string;
      i++;
    } else {
      throw logHintSyntaxError(
        'LOG_HINT_BAD_ESCAPE',
        source,
        i,
        `the escape "\\${next}" is not known.`,
        'Use one of \\\\ \\\' \\" \\/ \\n \\t \\r \\b \\f \\0 \\uXXXX, or write a literal backslash as \\\\.',
      );
    }
  }
  throw logHintSyntaxError(
    'LOG_HINT_UNTERMINATED_STRING',
    source,
    start,
    `the string opened with ${quote} is never closed.`,
    `Close it with a matching ${quote}; write a ${quote} inside it as \\${quote}.`,
  );
}
