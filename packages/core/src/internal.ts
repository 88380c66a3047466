// The internal entry of @stowage/core, `@stowage/core/internal`: what the sibling packages
// (@stowage/cli, @stowage/s3, @stowage/testing) share with core but users do not need (record
// codecs, tagged JSON, the registry snapshot, store error helpers). No compatibility promise:
// it changes with core, and the sibling packages pin core's exact version. Named exports only;
// no side effects.

export { BUILTIN_ARTIFACT_CLASSES } from './artifacts/artifact-kinds';
export {
  ARTIFACT_SCHEMA_VERSION,
  encodeArtifactRecord,
  decodeArtifactRecord,
  parseArtifactRecord,
  serializeArtifactRecord,
  cloneArtifact,
} from './artifacts/artifact-record';
export type { RecordSource, RecordWhere } from './artifacts/record-seal';
export { sealRecord } from './artifacts/record-seal';
export type { ArtifactRecordJson } from './artifacts/artifact-record';
export { ArtifactLayout, LATEST_TAG } from './artifacts/artifact-layout';
export { BlobLayout, storedFilePath } from './artifacts/blob-layout';
export { inlineBytes, INLINE_MAX_BYTES } from './artifacts/inline-files';
export { mapLimit } from './artifacts/artifact-listing';
export { validateArtifactKey, validateTag, validateVersion } from './artifacts/artifact-names';
export { TEMP_DIR_PREFIX } from './temp/temp-scope';
export { encodeTaggedJson, decodeTaggedJson } from './serialization/tagged-json';
export {
  RUN_SCHEMA_VERSION,
  runRecordPath,
  parseRunRecord,
  serializeRunRecord,
} from './runs/run-record';
export { objectNotFound, resolveRange } from './stores/store-errors';
export type { ResolvedRange } from './stores/store-errors';
export { catalogSnapshot } from './metadata/packager-catalog';
export { PackagerSnapshot } from './registry/packager-snapshot';
export { typeTokenOf } from './registry/type-token';
export { buildOptionsSchema } from './options/options-schema';
export { resolveOptions } from './options/resolve-options';
export type { OptionsUse } from './options/resolve-options';
export { loadCustomPackagers, importCustomPackager } from './config/load-custom-packagers';
export { LOG_HINT_FIELDS, LOG_HINT_GRAMMAR } from './log-hints/log-hint';
export { resolveHandler } from './handlers/resolve-handler';
export { isResultOutput } from './packagers/pack-context';
export { SegmentedIndex } from './listing/segmented-index';
export type {
  IndexEntry,
  IndexRead,
  IndexWindow,
  SegmentedIndexOptions,
  WindowRequest,
} from './listing/segmented-index';
export { etagConfirms, recordMd5 } from './listing/record-md5';
export { runIndex, runIndexEntry, scanRunEntries } from './listing/run-index';
export type { RunIndexEntry } from './listing/run-index';
export {
  artifactIndex,
  artifactIndexEntry,
  deletedVersionEntry,
  scanArtifactEntries,
  versionId,
} from './listing/artifact-index';
export type { ArtifactIndexEntry } from './listing/artifact-index';
export { zip64Values } from './formats/zip-entries';
