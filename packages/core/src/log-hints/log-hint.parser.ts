import { ARTIFACT_TYPE_PATTERN } from '../artifacts/artifact-type';
import type { LogHint, LogHintValue } from './log-hint';
import { keyOnlyHint, normalizeLogHint } from './log-hint-object';
import { QUOTE_FIX, TokenCursor } from './log-hint-cursor';
import { parseOptions } from './log-hint-options.parser';
import { KEY_PATTERN } from './log-hint-patterns';
import { describe } from './log-hint-values';

/**
 * Parses the string form of a log hint. @internal
 *
 * @remarks
 * A hint that is only a valid key (`model`, `my-key.v1`: no spaces, `*`, `:`, `[` or quotes)
 * skips the tokenizer and builds the same hint directly; everything else goes through the
 * recursive-descent parser below (head here, options in `log-hint-options.parser.ts`).
 * @throws LogHintError with the code of the first syntax error, pointing at its column.
 */
export function parseLogHintString(source: string): LogHint {
  if (KEY_PATTERN.test(source)) return keyOnlyHint(source);
  const c = new TokenCursor(source);
  if (c.peek().kind === 'end') {
    c.fail('LOG_HINT_EMPTY', c.peek(), 'the hint is empty.', "Give at least a key, e.g. 'model'.");
  }
  const itemized = parseLevel(c);
  const key = parseKey(c);
  let artifactType: string | undefined;
  let options: Record<string, LogHintValue> | undefined;
  if (c.peek().kind === 'colon') {
    c.next();
    artifactType = parseArtifactType(c);
    if (c.peek().kind === 'lbracket') options = parseOptions(c);
  }
  const rest = c.peek();
  if (rest.kind !== 'end') {
    const after =
      artifactType === undefined
        ? 'the key'
        : options === undefined
          ? 'the artifact type'
          : "the closing ']'";
    c.fail(
      'LOG_HINT_TRAILING_INPUT',
      rest,
      `unexpected ${describe(rest)} after ${after}.`,
      `Remove it, or follow the grammar; ${QUOTE_FIX}`,
    );
  }
  return normalizeLogHint({ key, artifactType, options, itemized });
}

/** Reads `*` or `N*` before the key: `true`, N, or `false` when there is none. */
function parseLevel(c: TokenCursor): boolean | number {
  const first = c.peek();
  const second = c.ahead(1);
  let itemized: boolean | number = false;
  if (first.kind === 'word' && second?.kind === 'star') {
    if (!/^\d+$/.test(first.value) && c.ahead(2)?.kind === 'end') {
      c.fail(
        'LOG_HINT_MISPLACED_STAR',
        second,
        "'*' comes after the key.",
        `Put it before the key: '*${first.value}'.`,
      );
    }
    if (
      !/^\d+$/.test(first.value) ||
      Number(first.value) < 1 ||
      !Number.isSafeInteger(Number(first.value))
    ) {
      c.fail(
        'LOG_HINT_BAD_LEVEL',
        first,
        `the unbundling level "${first.value}" is not a positive integer.`,
        "Write a whole number of levels before '*' (e.g. '2*results'), or just '*results' to split all the way down.",
      );
    }
    itemized = Number(first.value);
    c.skip(2);
  } else if (first.kind === 'star') {
    itemized = true;
    c.skip(1);
  } else {
    return false;
  }
  if (c.peek().kind === 'star') {
    c.fail(
      'LOG_HINT_DOUBLE_STAR',
      c.peek(),
      "'**' is not supported.",
      "Use '*key' to split a collection all the way down, or 'N*key' to split N levels.",
    );
  }
  return itemized;
}

function parseKey(c: TokenCursor): string {
  const token = c.peek();
  if (token.kind === 'string') {
    c.fail(
      'LOG_HINT_BAD_KEY',
      token,
      'a key cannot be quoted.',
      'Write the key bare: letters, digits, "_", "." and "-".',
    );
  }
  if (token.kind !== 'word') {
    c.fail(
      'LOG_HINT_EMPTY_KEY',
      token,
      `expected a key but found ${describe(token)}.`,
      "Start the hint with the output's key, e.g. 'model' or '*metrics'.",
    );
  }
  if (!KEY_PATTERN.test(token.value)) {
    c.fail(
      'LOG_HINT_BAD_KEY',
      token,
      `the key "${token.value}" has a character that is not allowed.`,
      'Use up to 200 letters, digits, "_", "." and "-", starting with a letter, digit or "_" and not ending with ".".',
    );
  }
  c.next();
  return token.value;
}

function parseArtifactType(c: TokenCursor): string {
  const token = c.peek();
  if (token.kind === 'word' && ARTIFACT_TYPE_PATTERN.test(token.value)) {
    c.next();
    return token.value;
  }
  if (token.kind === 'word' || token.kind === 'string') {
    c.fail(
      'LOG_HINT_BAD_ARTIFACT_TYPE',
      token,
      `"${token.value}" is not a valid artifact type name.`,
      'An artifact type is a bare word of letters, digits, "-" or "_" starting with a letter, e.g. file or dataset.',
    );
  }
  return c.fail(
    'LOG_HINT_EMPTY_ARTIFACT_TYPE',
    token,
    `expected an artifact type after ':' but found ${describe(token)}.`,
    "Name the artifact type after ':' (e.g. 'model : file'), or drop the ':' to use the packager's default.",
  );
}
