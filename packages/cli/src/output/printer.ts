import type { CliIo } from '../io';

/**
 * Prints a command's result: as JSON with `--json` (for scripts), else as text for people.
 *
 * @remarks
 * JSON goes to stdout as one document followed by a newline; bigints become strings and
 * `undefined` fields are dropped. Text is built lazily, only when it is printed.
 */
export class Printer {
  constructor(
    private readonly io: CliIo,
    readonly json: boolean,
  ) {}

  /** Prints `data` as JSON, or the text `render()` returns. */
  result(data: unknown, render: () => string): void {
    this.io.stdout.write(this.json ? `${toJson(data)}\n` : render());
  }

  /** Writes a note for people to stderr (never mixed into JSON output). */
  note(text: string): void {
    this.io.stderr.write(`${text}\n`);
  }
}

/** `JSON.stringify` with 2-space indent that tolerates bigints and typed arrays. */
export function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (typeof v === 'bigint') return v.toString();
      if (ArrayBuffer.isView(v) && !(v instanceof DataView))
        return Array.from(v as unknown as ArrayLike<number>);
      return v;
    },
    2,
  );
}
