/**
 * The artifact types Stowage knows by name. A packager may declare any other name.
 *
 * @remarks
 * - `result`: a JSON-safe value kept in the run record (no bytes in the store).
 * - `object`: the safe fallback serializer ("pickle, but safe").
 * - `file`, `path`, `dataset`, `model`, `plot`, `directory`: stored bytes with a record.
 */
export const ArtifactType = {
  Result: 'result',
  Object: 'object',
  File: 'file',
  Path: 'path',
  Dataset: 'dataset',
  Model: 'model',
  Plot: 'plot',
  Directory: 'directory',
} as const;

/**
 * The rule every artifact type name follows: a letter, then letters, digits, `_` or `-`.
 *
 * @remarks
 * One rule for `@Pack`/`@Unpack` (checked when the class is defined) and for log hints (checked
 * when the hint is made), so a hint can only name an artifact type a method could declare.
 * @internal
 */
export const ARTIFACT_TYPE_PATTERN = /^[a-z][a-z0-9_-]*$/i;

/** A known artifact type name, or any string a packager declares. */
export type ArtifactTypeName = (typeof ArtifactType)[keyof typeof ArtifactType] | (string & {});
