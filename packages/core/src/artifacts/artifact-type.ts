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

/** A known artifact type name, or any string a packager declares. */
export type ArtifactTypeName = (typeof ArtifactType)[keyof typeof ArtifactType] | (string & {});
