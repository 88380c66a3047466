import type { PackagingRecord } from '../artifacts/artifact';
import { UnpackingError } from '../errors/unpacking.error';
import { ancestorsOf, typeTokenOf } from '../registry/type-token';
import type { PackableType } from '../types';
import { conversionFor } from './read-conversions';

const CONVERSIONS_DOC = 'docs/builtin-packagers.md, "Reading under another type"';

/** Whether `value` is an instance of `hint` (its own class or a base class of it). @internal */
export function isOfHint(value: unknown, hint: PackableType): boolean {
  return ancestorsOf(typeTokenOf(value)).includes(hint);
}

/** `a Map`, `an Error`. */
function a(name: string): string {
  return `${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name}`;
}

/** The facts every hint-check error carries. */
function mismatchDetails(
  key: string,
  record: PackagingRecord,
  hint: PackableType,
  valueType: string | undefined,
): Record<string, unknown> {
  return {
    key,
    recordedType: record.objectType,
    packager: record.packager,
    artifactType: record.artifactType,
    typeHint: hint.name,
    ...(valueType === undefined ? {} : { valueType }),
  };
}

function logged(record: PackagingRecord): string {
  return `${a(record.objectType)} (${record.packager}, artifact type "${record.artifactType}")`;
}

/** The error for a value its own recorded packager did not give back as the logged type. */
function notRestored(
  key: string,
  record: PackagingRecord,
  hint: PackableType,
  valueType: string,
): UnpackingError {
  return new UnpackingError(
    `"${key}" was logged as ${logged(record)}, but that packager read it back as ${a(valueType)}, not ${a(hint.name)}.`,
    {
      code: 'UNPACKING_TYPE_MISMATCH',
      details: mismatchDetails(key, record, hint, valueType),
      fix: `${record.packager} does not restore this type: for an "object" artifact, register the class (@Serializable or registerClass) before logging it; otherwise read it without a type hint.`,
    },
  );
}

/**
 * The error for an artifact whose recorded packager cannot give `hint`, either before reading
 * (its type cannot be one, and no conversion applies) or after (`valueType` is what it read).
 * @internal
 */
export function typeMismatch(
  key: string,
  record: PackagingRecord,
  hint: PackableType,
  valueType?: string,
): UnpackingError {
  const read = valueType === undefined ? '' : ` It reads as ${a(valueType)}.`;
  return new UnpackingError(
    `"${key}" was logged as ${logged(record)} and cannot be read as ${a(hint.name)}: no exact conversion exists.${read}`,
    {
      code: 'UNPACKING_TYPE_MISMATCH',
      details: mismatchDetails(key, record, hint, valueType),
      fix: `Read it as ${a(record.objectType)} (or a base class of it), or without a type hint, and convert it yourself; the conversions Stowage makes are listed in ${CONVERSIONS_DOC}.`,
    },
  );
}

/**
 * Checks a value the recorded packager read against the hint: an instance of it is returned as
 * is, a documented conversion is applied, anything else is refused.
 * @throws UnpackingError `UNPACKING_TYPE_MISMATCH` (no conversion), `UNPACKING_NOT_EXACT` (the
 * conversion would change the value). @internal
 */
export function checkHint(
  value: unknown,
  key: string,
  record: PackagingRecord,
  hint: PackableType | undefined,
): unknown {
  if (hint === undefined || isOfHint(value, hint)) return value;
  const valueType = typeTokenOf(value).name;
  const conversion = conversionFor(value, record.artifactType, hint);
  if (conversion === undefined) {
    if (hint.name === record.objectType) throw notRestored(key, record, hint, valueType);
    throw typeMismatch(key, record, hint, valueType);
  }
  const outcome = conversion.convert(value);
  if (outcome.ok) return outcome.value;
  throw new UnpackingError(
    `"${key}" was logged as ${logged(record)}; reading it as ${a(hint.name)} would change it: ${outcome.reason}.`,
    {
      code: 'UNPACKING_NOT_EXACT',
      details: mismatchDetails(key, record, hint, valueType),
      fix: `Read it as ${a(record.objectType)} and convert it yourself, accepting the change (see ${CONVERSIONS_DOC}).`,
    },
  );
}
