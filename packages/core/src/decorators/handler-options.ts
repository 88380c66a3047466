import type { LogHintSource } from '../log-hints/parse-log-hint';

/** An output hint: anything `parseLogHint` takes, or `null` to leave that position unlogged. */
export type OutputHint = LogHintSource | null;

/** What `@Handler({...})` accepts. */
export interface HandlerOptions {
  /** Hints for the returned value(s), by position: one hint takes the value whole, several spread an array. */
  readonly outputs?: readonly OutputHint[];
  /** Labels set on the run record. */
  readonly labels?: Readonly<Record<string, string>>;
  /** The run name (default: the method or function name). */
  readonly name?: string;
}
