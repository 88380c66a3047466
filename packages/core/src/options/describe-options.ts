import type { OptionDefinition } from './options-schema';

/** `header: boolean = true`, `format: string = "csv" (one of "csv", "json")`. @internal */
export function describeOption(option: OptionDefinition): string {
  const type = option.kind === 'list' ? `${option.itemKind ?? 'string'}[]` : option.kind;
  const allowed =
    option.allowed === undefined
      ? ''
      : ` (one of ${option.allowed.map((v) => JSON.stringify(v)).join(', ')})`;
  return `${option.name}: ${type} = ${JSON.stringify(option.defaultValue)}${allowed}`;
}

/** One line per valid option, or a sentence saying there are none. @internal */
export function describeOptions(options: readonly OptionDefinition[]): string {
  if (options.length === 0) return 'This pack method takes no options.';
  return `Valid options: ${options.map(describeOption).join('; ')}.`;
}

/** Structured form of the valid options, for error details and `explain()`. @internal */
export function optionSummaries(
  options: readonly OptionDefinition[],
): readonly Record<string, unknown>[] {
  return options.map((o) => ({
    name: o.name,
    type: o.kind === 'list' ? `${o.itemKind ?? 'string'}[]` : o.kind,
    default: o.defaultValue,
    ...(o.allowed === undefined ? {} : { allowed: o.allowed }),
  }));
}
