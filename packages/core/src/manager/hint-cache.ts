import type { LogHint } from '../log-hints/log-hint';
import { parseLogHint } from '../log-hints/parse-log-hint';
import type { LogHintSource } from '../log-hints/parse-log-hint';

const MAX_STRINGS = 1024;

/**
 * Parses log hints once: string hints are cached by text, frozen hint objects (such as the
 * {@link LogHint}s `parseLogHint` returns) by identity. Parsed hints are frozen, so sharing them
 * is safe. Keeps the per-value cost of `pack` off the parser. @internal
 */
export class HintCache {
  readonly #strings = new Map<string, LogHint>();
  readonly #objects = new WeakMap<object, LogHint>();

  /** The parsed hint. @throws LogHintError for a malformed hint (never cached). */
  parse(source: LogHintSource): LogHint {
    if (typeof source === 'string') {
      let hint = this.#strings.get(source);
      if (hint === undefined) {
        hint = parseLogHint(source);
        if (this.#strings.size >= MAX_STRINGS) this.#strings.clear();
        this.#strings.set(source, hint);
      }
      return hint;
    }
    if (typeof source !== 'object' || source === null || !Object.isFrozen(source))
      return parseLogHint(source);
    let hint = this.#objects.get(source);
    if (hint === undefined) {
      hint = parseLogHint(source);
      this.#objects.set(source, hint);
    }
    return hint;
  }
}
