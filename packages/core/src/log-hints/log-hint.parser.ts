import type { LogHint, LogHintValue } from './log-hint';
import { tokenize, type Token } from './log-hint.lexer';
import { normalizeLogHint } from './log-hint-object';
import {
  ARTIFACT_TYPE_PATTERN,
  KEY_PATTERN,
  MAX_LIST_DEPTH,
  OPTION_NAME_PATTERN,
} from './log-hint-patterns';
import { logHintSyntaxError } from './log-hint-syntax-error';
import { describe, typedWord } from './log-hint-values';

const QUOTE_FIX = 'Quote values that contain spaces or any of : , [ ] = * (e.g. note="a, b: c").';

/** Parses the string form of a log hint. @internal @throws LogHintError */
export function parseLogHintString(source: string): LogHint {
  return new HintParser(source).parse();
}

/** A recursive-descent parser over the tokens of one hint. */
class HintParser {
  private readonly tokens: Token[];
  private pos = 0;

  constructor(private readonly source: string) {
    this.tokens = tokenize(source);
  }

  parse(): LogHint {
    if (this.peek().kind === 'end') {
      this.fail(
        'LOG_HINT_EMPTY',
        this.peek(),
        'the hint is empty.',
        "Give at least a key, e.g. 'model'.",
      );
    }
    const itemized = this.parseLevel();
    const key = this.parseKey();
    let artifactType: string | undefined;
    let options: Record<string, LogHintValue> | undefined;
    if (this.peek().kind === 'colon') {
      this.next();
      artifactType = this.parseArtifactType();
      if (this.peek().kind === 'lbracket') options = this.parseOptions();
    }
    const rest = this.peek();
    if (rest.kind !== 'end') {
      const after =
        artifactType === undefined
          ? 'the key'
          : options === undefined
            ? 'the artifact type'
            : "the closing ']'";
      this.fail(
        'LOG_HINT_TRAILING_INPUT',
        rest,
        `unexpected ${describe(rest)} after ${after}.`,
        `Remove it, or follow the grammar; ${QUOTE_FIX}`,
      );
    }
    return normalizeLogHint({ key, artifactType, options, itemized });
  }

  private parseLevel(): boolean | number {
    const first = this.peek();
    const second = this.tokens[this.pos + 1];
    let itemized: boolean | number = false;
    if (first.kind === 'word' && second?.kind === 'star') {
      if (!/^\d+$/.test(first.value) && this.tokens[this.pos + 2]?.kind === 'end') {
        this.fail(
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
        this.fail(
          'LOG_HINT_BAD_LEVEL',
          first,
          `the unbundling level "${first.value}" is not a positive integer.`,
          "Write a whole number of levels before '*' (e.g. '2*results'), or just '*results' to split all the way down.",
        );
      }
      itemized = Number(first.value);
      this.pos += 2;
    } else if (first.kind === 'star') {
      itemized = true;
      this.pos += 1;
    } else {
      return false;
    }
    if (this.peek().kind === 'star') {
      this.fail(
        'LOG_HINT_DOUBLE_STAR',
        this.peek(),
        "'**' is not supported.",
        "Use '*key' to split a collection all the way down, or 'N*key' to split N levels.",
      );
    }
    return itemized;
  }

  private parseKey(): string {
    const token = this.peek();
    if (token.kind === 'string') {
      this.fail(
        'LOG_HINT_BAD_KEY',
        token,
        'a key cannot be quoted.',
        'Write the key bare: letters, digits, "_", "." and "-".',
      );
    }
    if (token.kind !== 'word') {
      this.fail(
        'LOG_HINT_EMPTY_KEY',
        token,
        `expected a key but found ${describe(token)}.`,
        "Start the hint with the output's key, e.g. 'model' or '*metrics'.",
      );
    }
    if (!KEY_PATTERN.test(token.value)) {
      this.fail(
        'LOG_HINT_BAD_KEY',
        token,
        `the key "${token.value}" has a character that is not allowed.`,
        'Use letters, digits, "_", "." and "-" (starting with a letter, digit or "_").',
      );
    }
    this.next();
    return token.value;
  }

  private parseArtifactType(): string {
    const token = this.peek();
    if (token.kind === 'word' && ARTIFACT_TYPE_PATTERN.test(token.value)) {
      this.next();
      return token.value;
    }
    if (token.kind === 'word' || token.kind === 'string') {
      this.fail(
        'LOG_HINT_BAD_ARTIFACT_TYPE',
        token,
        `"${token.value}" is not a valid artifact type name.`,
        'An artifact type is a bare word of letters, digits, "-" or "_" starting with a letter, e.g. file or dataset.',
      );
    }
    return this.fail(
      'LOG_HINT_EMPTY_ARTIFACT_TYPE',
      token,
      `expected an artifact type after ':' but found ${describe(token)}.`,
      "Name the artifact type after ':' (e.g. 'model : file'), or drop the ':' to use the packager's default.",
    );
  }

  private parseOptions(): Record<string, LogHintValue> {
    const open = this.next();
    const options: Record<string, LogHintValue> = {};
    if (this.peek().kind === 'rbracket') {
      this.next();
      return options;
    }
    for (;;) {
      const name = this.parseOptionName(open);
      if (Object.prototype.hasOwnProperty.call(options, name.value)) {
        this.fail(
          'LOG_HINT_DUPLICATE_OPTION',
          name,
          `the option "${name.value}" is given twice.`,
          'Give each option once.',
        );
      }
      const eq = this.peek();
      if (eq.kind === 'end') this.unclosed(open);
      if (eq.kind !== 'equals') {
        this.fail(
          'LOG_HINT_EXPECTED_EQUALS',
          eq,
          `expected '=' after the option "${name.value}" but found ${describe(eq)}.`,
          `Give every option a value: ${name.value}=value.`,
        );
      }
      this.next();
      Object.defineProperty(options, name.value, {
        value: this.parseValue(open, 0),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      if (this.separator(open)) return options;
    }
  }

  private parseOptionName(open: Token): Token {
    const token = this.peek();
    if (token.kind === 'end') this.unclosed(open);
    if (token.kind === 'word' && OPTION_NAME_PATTERN.test(token.value)) {
      this.next();
      return token;
    }
    if (token.kind === 'word' || token.kind === 'string') {
      this.fail(
        'LOG_HINT_BAD_OPTION_NAME',
        token,
        `"${token.value}" is not a valid option name.`,
        'An option name is a bare identifier (letters, digits, "_", not starting with a digit), e.g. format.',
      );
    }
    return this.fail(
      'LOG_HINT_EXPECTED_OPTION_NAME',
      token,
      `expected an option name but found ${describe(token)}.`,
      "Write options as name=value separated by ',' with no trailing ','.",
    );
  }

  /** Consumes ',' (returns false) or the closing ']' (returns true). */
  private separator(open: Token): boolean {
    const token = this.next();
    if (token.kind === 'comma') return false;
    if (token.kind === 'rbracket') return true;
    if (token.kind === 'end') this.unclosed(open);
    return this.fail(
      'LOG_HINT_EXPECTED_COMMA',
      token,
      `expected ',' or ']' but found ${describe(token)}.`,
      `Separate items with ','. ${QUOTE_FIX}`,
    );
  }

  private parseValue(open: Token, depth: number): LogHintValue {
    const token = this.peek();
    if (token.kind === 'end') this.unclosed(open);
    if (token.kind === 'string') {
      this.next();
      return token.value;
    }
    if (token.kind === 'word') {
      this.next();
      return this.typedWord(token);
    }
    if (token.kind === 'lbracket') return this.parseList(depth + 1);
    return this.fail(
      'LOG_HINT_EXPECTED_VALUE',
      token,
      `expected a value but found ${describe(token)}.`,
      `Write a value: a number, true, false, null, a word, a quoted string or a list [a, b]. ${QUOTE_FIX}`,
    );
  }

  private parseList(depth: number): LogHintValue[] {
    const open = this.next();
    if (depth > MAX_LIST_DEPTH) {
      this.fail(
        'LOG_HINT_TOO_DEEP',
        open,
        `lists are nested more than ${MAX_LIST_DEPTH} levels deep.`,
        'Flatten the value, or pass it in an object-form hint.',
      );
    }
    const items: LogHintValue[] = [];
    if (this.peek().kind === 'rbracket') {
      this.next();
      return items;
    }
    for (;;) {
      items.push(this.parseValue(open, depth));
      if (this.separator(open)) return items;
    }
  }

  private typedWord(token: Token): LogHintValue {
    const value = typedWord(token.value);
    if (value === undefined) {
      this.fail(
        'LOG_HINT_BAD_NUMBER',
        token,
        `the number ${token.value} cannot be represented exactly.`,
        `Quote it to pass it as a string: "${token.value}".`,
      );
    }
    return value;
  }

  private unclosed(open: Token): never {
    return this.fail(
      'LOG_HINT_UNCLOSED_BRACKET',
      open,
      "this '[' is never closed.",
      "Close it with ']'.",
    );
  }

  private peek(): Token {
    return this.tokens[this.pos] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.pos++;
    return token;
  }

  private fail(code: string, token: Token, what: string, fix: string): never {
    throw logHintSyntaxError(code, this.source, token.start, what, fix);
  }
}
