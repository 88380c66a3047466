import type { NormalisationName } from './matrix-normalisations';

/** The type hint a reader gives: none, the value's own class, a base class of it, a wrong one. */
export type HintKind = 'none' | 'own' | 'base' | 'wrong';

/** What one combination must give back. */
export type Expected =
  | { readonly kind: 'equal'; readonly value?: () => unknown }
  | { readonly kind: 'normalised'; readonly as: NormalisationName; readonly value?: () => unknown }
  | {
      readonly kind: 'error';
      /** Accepted error class names (all `StowageError` subclasses). */
      readonly classes: readonly string[];
      readonly code: RegExp;
    }
  /** Still open between the parts of issue 22: any of these is accepted (say why at the use). */
  | { readonly kind: 'any'; readonly of: readonly Expected[] };

/** Comes back equal: same class, deep-equal including prototypes and property flags. */
export const EQUAL: Expected = { kind: 'equal' };

/** Comes back as the documented normalisation `as`. */
export const normalised = (as: NormalisationName, value?: () => unknown): Expected =>
  value === undefined ? { kind: 'normalised', as } : { kind: 'normalised', as, value };

/** Comes back equal to a given value (files written by other tools). */
export const equalTo = (value: () => unknown): Expected => ({ kind: 'equal', value });

/**
 * A read under a type the stored value is not, with no documented exact conversion: an
 * `UnpackingError` naming the key, the recorded type and the hint (issue 22, "unpack" part). The
 * exact code is the unpack part's to choose; any `UNPACKING_*` code is accepted until the merge.
 */
export const HINT_MISMATCH: Expected = {
  kind: 'error',
  classes: ['UnpackingError'],
  code: /^UNPACKING_/,
};

/** A value a format or result cannot hold, refused while packing (the code names why). */
export const PACK_REFUSED = (code: RegExp): Expected => ({
  kind: 'error',
  classes: ['PackingError', 'SerializationError', 'ArchiveError'],
  code,
});

/** A file another tool wrote that Stowage refuses to read (the code names why). */
export const READ_REFUSED = (code: RegExp): Expected => ({
  kind: 'error',
  classes: ['UnpackingError', 'SerializationError', 'ArchiveError'],
  code,
});

/** A short text for reports. */
export function describeExpected(expected: Expected): string {
  switch (expected.kind) {
    case 'equal':
      return 'equal';
    case 'normalised':
      return `normalised (${expected.as})`;
    case 'error':
      return `${expected.classes.join('|')} ${String(expected.code)}`;
    case 'any':
      return expected.of.map(describeExpected).join(' or ');
  }
}
