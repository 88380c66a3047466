import { randomBytes } from 'node:crypto';
import { quoteInput } from '../errors/input-guard';
import { InvalidKeyError } from '../errors/invalid-key.error';

/**
 * The rule of artifact keys and tags (result keys and run ids follow it too): 1–200 characters of
 * `A–Z a–z 0–9 . _ -`, starting with a letter, digit or `_`, not ending with `.`. Log hints check
 * keys by it, so a hint names only keys the store can hold. @internal
 */
export const ARTIFACT_NAME_PATTERN = /^[A-Za-z0-9_](?:[A-Za-z0-9._-]{0,198}[A-Za-z0-9_-])?$/;
const VERSION = /^[0-9]{8}T[0-9]{9}Z-[a-z0-9]{6,32}$/;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

function follows(value: unknown, pattern: RegExp): value is string {
  return typeof value === 'string' && pattern.test(value);
}

function check(kind: string, value: string, pattern: RegExp, rule: string): string {
  if (follows(value, pattern)) return value;
  throw new InvalidKeyError(`Artifact ${kind} ${quoteInput(value)} is not allowed: ${rule}.`, {
    details: { [kind]: typeof value === 'string' ? value : quoteInput(value) },
    fix: `Use a ${kind} made of letters, digits, ".", "_" and "-" (no "/", ":", "@" or spaces).`,
  });
}

/**
 * Checks an artifact key: 1–200 characters of `A-Z a-z 0-9 . _ -`, not starting with `.` or `-`.
 *
 * @throws InvalidKeyError for any other key (path separators, traversal, URI syntax, spaces…).
 */
export function validateArtifactKey(key: string): string {
  return check(
    'key',
    key,
    ARTIFACT_NAME_PATTERN,
    'keys are letters, digits, ".", "_" and "-", starting with a letter, digit or "_"',
  );
}

/**
 * Checks a tag name (same rule as keys).
 *
 * @throws InvalidKeyError for a tag that is not allowed.
 */
export function validateTag(tag: string): string {
  return check('tag', tag, ARTIFACT_NAME_PATTERN, 'tags follow the same rule as keys');
}

/**
 * Whether `value` is an allowed tag name (no throw): the rule of {@link validateTag}, which log
 * hints apply too, so a hint's tag is refused when the hint is made, not after packing.
 */
export function isTagName(value: unknown): value is string {
  return follows(value, ARTIFACT_NAME_PATTERN);
}

/**
 * A tag as given by a user, where `""` means "no tag" (as in MLRun): `undefined` for `undefined`
 * or `""`, else the checked tag.
 *
 * @throws InvalidKeyError for a non-empty tag that is not allowed.
 */
export function optionalTag(tag: string | undefined): string | undefined {
  return tag === undefined || tag === '' ? undefined : validateTag(tag);
}

/** Whether `value` is a well-formed version id (no throw). */
export function isVersionId(value: string): boolean {
  return VERSION.test(value);
}

/**
 * Checks a version id as made by {@link newVersionId}.
 *
 * @throws InvalidKeyError for anything else.
 */
export function validateVersion(version: string): string {
  return check('version', version, VERSION, 'versions look like 20261127T101530123Z-k3x9q2m7ab');
}

/**
 * A new unique, sortable id: UTC time to the millisecond plus 50 random bits.
 *
 * @remarks
 * Used for artifact versions and run ids. Ids sort by creation time; ids made in the same
 * millisecond differ by their random part, so concurrent writers never collide.
 */
export function newVersionId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('.', '');
  const random = [...randomBytes(10)].map((b) => BASE32[b & 31]).join('');
  return `${stamp}-${random}`;
}
