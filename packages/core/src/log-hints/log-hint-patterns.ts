/** A key: a letter, digit or `_`, then letters, digits, `_`, `.` or `-`. @internal */
export const KEY_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** A packing option name: an identifier (the options class's property). @internal */
export const OPTION_NAME_PATTERN = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A decimal number as an unquoted option value. @internal */
export const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The most levels of nested lists an option value may have. @internal */
export const MAX_LIST_DEPTH = 16;
