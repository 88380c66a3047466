import { ARTIFACT_NAME_PATTERN } from '../artifacts/artifact-names';

/**
 * A key: the rule of artifact keys ({@link ARTIFACT_NAME_PATTERN}: 1–200 letters, digits, `_`,
 * `.` or `-`, starting with a letter, digit or `_`, not ending with `.`), so a hint, or an item
 * key an unbundle makes, is refused at once instead of when its output is stored. @internal
 */
export const KEY_PATTERN = ARTIFACT_NAME_PATTERN;

/** A packing option name: an identifier (the options class's property). @internal */
export const OPTION_NAME_PATTERN = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A decimal number as an unquoted option value. @internal */
export const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The most levels of nested lists an option value may have. @internal */
export const MAX_LIST_DEPTH = 16;
