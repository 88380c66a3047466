/** One declared packing option, recorded by `@Option`. @internal */
export interface OptionRecord {
  readonly property: string;
  readonly description?: string;
  /** `String`, `Number`, `Boolean` or `Array` (a list); the type of the default when omitted. */
  readonly type?: StringConstructor | NumberConstructor | BooleanConstructor | ArrayConstructor;
  /** For a list option: the type of its items (default: the type of the default's first item, else String). */
  readonly itemType?: StringConstructor | NumberConstructor | BooleanConstructor;
  /** The allowed values, when the option is an enumeration. */
  readonly allowed?: readonly unknown[];
}
