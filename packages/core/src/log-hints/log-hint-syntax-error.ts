import type { ErrorCode } from '../errors/error-codes';
import { LogHintError } from '../errors/log-hint.error';
import { LOG_HINT_GRAMMAR } from './log-hint';

/**
 * Builds the error for a malformed string hint: it quotes the hint, marks the column with a caret
 * and shows the grammar. `index` is 0-based; the message and `details.column` are 1-based.
 * @internal
 */
export function logHintSyntaxError(
  code: ErrorCode,
  source: string,
  index: number,
  what: string,
  fix: string,
): LogHintError {
  const shown = source.replace(/[\t\n\r\v\f]/g, ' ');
  const at = Math.max(0, Math.min(index, shown.length));
  const message = [
    `Invalid log hint ${JSON.stringify(source)} at column ${at + 1}: ${what}`,
    `    ${shown}`,
    `    ${' '.repeat(at)}^`,
    `  Grammar: ${LOG_HINT_GRAMMAR}`,
  ].join('\n');
  return new LogHintError(message, {
    code,
    details: { hint: source, column: at + 1, grammar: LOG_HINT_GRAMMAR },
    fix,
  });
}
