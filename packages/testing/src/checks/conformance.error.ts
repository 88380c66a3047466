/**
 * A packager (or store) broke a rule the conformance kit checks.
 *
 * @remarks
 * Deliberately not a `StowageError`: it is a test failure, not something Stowage throws at run
 * time. The message says which check failed, for which packager, sample, artifact type and
 * options, what was seen, and how to fix it.
 */
export class ConformanceError extends Error {
  /** The name of the check that failed, e.g. `record`, `round-trip`, `no-mutation`. */
  readonly check: string;

  constructor(check: string, message: string, fix: string, options?: { cause?: unknown }) {
    super(`[${check}] ${message}\n  How to fix: ${fix}`, options);
    this.name = 'ConformanceError';
    this.check = check;
  }
}
