/**
 * Where an artifact repository keeps things in its store.
 *
 * @remarks
 * ```
 * artifacts/<key>/versions/<version>/<fileName>   primary bytes
 * artifacts/<key>/versions/<version>/<name>       extra files (Artifact.files)
 * artifacts/<key>/records/<version>.json          the record, written last
 * artifacts/<key>/tags/<tag>.json                 {"version": …}; `latest` moves with ~1 commit in 16
 * runs/<runId>.json                               run records
 * ```
 * Records live apart from bytes so listing a key's versions never lists its files.
 */
export const ArtifactLayout = {
  root: 'artifacts/',
  key: (key: string): string => `artifacts/${key}/`,
  versionPrefix: (key: string, version: string): string => `artifacts/${key}/versions/${version}/`,
  file: (key: string, version: string, name: string): string =>
    `artifacts/${key}/versions/${version}/${name}`,
  recordPrefix: (key: string): string => `artifacts/${key}/records/`,
  record: (key: string, version: string): string => `artifacts/${key}/records/${version}.json`,
  tagPrefix: (key: string): string => `artifacts/${key}/tags/`,
  tag: (key: string, tag: string): string => `artifacts/${key}/tags/${tag}.json`,
} as const;

/** The tag that always points at the newest committed version. */
export const LATEST_TAG = 'latest';
