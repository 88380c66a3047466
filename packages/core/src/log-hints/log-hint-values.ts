import type { LogHintValue } from './log-hint';
import type { Token } from './log-hint.lexer';
import { NUMBER_PATTERN } from './log-hint-patterns';

const WORDS: Readonly<Record<string, LogHintValue>> = {
  true: true,
  false: false,
  null: null,
  True: true,
  False: false,
  None: null,
};

/**
 * The typed value of an unquoted word: a keyword, a number, or the word itself as a string.
 * `undefined` when the word is a number JavaScript cannot hold exactly. @internal
 */
export function typedWord(word: string): LogHintValue | undefined {
  if (Object.prototype.hasOwnProperty.call(WORDS, word)) return WORDS[word];
  if (!NUMBER_PATTERN.test(word)) return word;
  const n = Number(word);
  if (!Number.isFinite(n) || (/^[+-]?\d+$/.test(word) && !Number.isSafeInteger(n)))
    return undefined;
  return n;
}

/** A token as a message names it. @internal */
export function describe(token: Token): string {
  if (token.kind === 'end') return 'the end of the hint';
  if (token.kind === 'string') return `the string ${token.text}`;
  if (token.kind === 'word') return `"${token.text}"`;
  return `'${token.text}'`;
}
