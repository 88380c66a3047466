import type { ErrorCode } from '../errors/error-codes';
import { tokenize, type Token } from './log-hint.lexer';
import { logHintSyntaxError } from './log-hint-syntax-error';

/** The advice every "unexpected token" error of the string grammar ends with. @internal */
export const QUOTE_FIX =
  'Quote values that contain spaces or any of : , [ ] = * (e.g. note="a, b: c").';

/**
 * The tokens of one string hint, read front to back, and the syntax errors that point into it.
 * Shared by the head parser (level, key, artifact type) and the options parser. @internal
 */
export class TokenCursor {
  private readonly tokens: Token[];
  private pos = 0;

  /** @throws LogHintError for a hint that does not tokenize. */
  constructor(readonly source: string) {
    this.tokens = tokenize(source);
  }

  /** The current token (the `end` token once everything is read). */
  peek(): Token {
    return this.tokens[this.pos] as Token;
  }

  /** The token `offset` places after the current one, if any. */
  ahead(offset: number): Token | undefined {
    return this.tokens[this.pos + offset];
  }

  /** Returns the current token and moves past it (never past `end`). */
  next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.pos++;
    return token;
  }

  /** Moves past `count` tokens. */
  skip(count: number): void {
    for (let i = 0; i < count; i++) this.next();
  }

  /** Throws the syntax error `code` pointing at `token`. @throws LogHintError always. */
  fail(code: ErrorCode, token: Token, what: string, fix: string): never {
    throw logHintSyntaxError(code, this.source, token.start, what, fix);
  }
}
