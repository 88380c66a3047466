// Public API of @stowage/core. Named exports only. Importing it loads reflect-metadata (through
// metadata/metadata-store.ts), which adds the metadata API to the global Reflect: see
// docs/packages.md. What only sibling packages need is in internal.ts (`@stowage/core/internal`).
export { StowageError, describeError, errorSummary } from './errors/stowage.error';
export type { StowageErrorInit } from './errors/stowage.error';
export { ERROR_CODES, defineErrorCodes } from './errors/error-codes';
export type { ErrorCode, ErrorCodeRegistry } from './errors/error-codes';
export { DefinitionError } from './errors/definition.error';
export { CollectionError } from './errors/collection.error';
export { PackingError } from './errors/packing.error';
export { UnpackingError } from './errors/unpacking.error';
export { BundlingError } from './errors/bundling.error';
export { UnbundlingError } from './errors/unbundling.error';
export { LogHintError } from './errors/log-hint.error';
export { OptionsError } from './errors/options.error';
export { IntegrityError } from './errors/integrity.error';
export { StoreError } from './errors/store.error';
export { NotFoundError } from './errors/not-found.error';
export { InvalidKeyError } from './errors/invalid-key.error';
export { HandlerError } from './errors/handler.error';
export { SerializationError } from './errors/serialization.error';
export { ArchiveError } from './errors/archive.error';
export { MissingDependencyError } from './errors/missing-dependency.error';
export { ConfigError } from './errors/config.error';

export { Nullish } from './types';
export type {
  Constructor,
  ConcreteConstructor,
  JsonValue,
  Instructions,
  PackableType,
} from './types';
export { ArtifactType } from './artifacts/artifact-type';
export type { ArtifactTypeName } from './artifacts/artifact-type';
export { Artifact } from './artifacts/artifact';
export type {
  ArtifactInit,
  PackagingRecord,
  RuntimeRecord,
  ArtifactFileRecord,
  ProducerRecord,
} from './artifacts/artifact';
export { ModelArtifact } from './artifacts/model.artifact';
export type { ModelArtifactInit, FeatureSpec } from './artifacts/model.artifact';
export { DatasetArtifact } from './artifacts/dataset.artifact';
export type {
  DatasetArtifactInit,
  DatasetField,
  DatasetSchema,
} from './artifacts/dataset.artifact';
// Core's csv/jsonl dataset code, for packages that add dataset formats (@stowage/tables). @internal
export { packDataset, unpackDataset, datasetRows } from './packagers/builtin/dataset-io';
// Column statistics of datasets, shared with @stowage/tables.
export type { ColumnStats, TopValueStats } from './stats/column-stats.types';
export { RunningMoments, statNumber } from './stats/running-moments';
export { ValueSketch, hashBytes, hashString } from './stats/value-sketch';
export type { TopValue } from './stats/value-sketch';
export { countedStats, sketchStats } from './stats/counted-stats';
export { recordsStats } from './stats/records-stats';
export { PlotArtifact } from './artifacts/plot.artifact';
export type { PlotArtifactInit } from './artifacts/plot.artifact';
export { DirectoryArtifact } from './artifacts/directory.artifact';
export type { DirectoryArtifactInit } from './artifacts/directory.artifact';
export { LLMPromptArtifact } from './artifacts/llm-prompt.artifact';
export type {
  LLMPromptArtifactInit,
  PromptMessage,
  PromptVariable,
} from './artifacts/llm-prompt.artifact';
export { DocumentArtifact } from './artifacts/document.artifact';
export type { DocumentArtifactInit } from './artifacts/document.artifact';
export { ArtifactKinds } from './artifacts/artifact-kinds';
export type { ArtifactClass } from './artifacts/artifact-kinds';

export { newVersionId } from './artifacts/artifact-names';
export type {
  ArtifactRepository,
  StageOptions,
  StagedArtifact,
} from './repository/artifact-repository';
export type { CopyOfVersion } from './artifacts/staged-artifact';
export { StoreArtifactRepository } from './repository/store-artifact.repository';
export type {
  StoreArtifactRepositoryOptions,
  UriResolver,
  ArtifactRef,
} from './repository/store-artifact.repository';
export type { ArtifactFilter } from './artifacts/artifact-listing';
export { DataItem } from './data/data-item';
export { ArtifactDataItem } from './data/artifact.data-item';
export type { ArtifactDataItemOptions } from './data/artifact.data-item';
export { FileDataItem } from './data/file.data-item';
export { StoreObjectDataItem } from './data/store-object.data-item';
export type { TempDirMaker } from './data/download';
export { parseDataUri } from './data/data-uri';
export type { ParsedDataUri, StoreUri, FileUri, OtherUri } from './data/data-uri';
export { TempScope } from './temp/temp-scope';
export type { TempScopeOptions } from './temp/temp-scope';
export { RESULT_TYPES, type ResultType, type TaggedCodec } from './serialization/result-types';
export { RunContext } from './runs/run-context';
export type { RunContextOptions } from './runs/run-context';
export { RunRepository } from './runs/run-repository';
export type { RunFilter, RunRepositoryOptions } from './runs/run-repository';

export type {
  RunRecord,
  RunStatus,
  RunArtifactEntry,
  RunErrorRecord,
  RunOutputFailure,
} from './runs/run-record';
export type { RunInput } from './runs/run-record';
export type { RunnerRecord } from './runs/run-runner';
export { DEFAULT_HEARTBEAT_MS } from './runs/run-heartbeat';
export { DEFAULT_STALE_MS } from './runs/run-liveness';
export { collectGarbage } from './gc/collect-garbage';
export { DEFAULT_GRACE_MS } from './gc/gc-options';
export type { CollectGarbageOptions } from './gc/gc-options';
export type {
  GarbageItem,
  GarbageKind,
  GarbageOutcome,
  GarbageReport,
  GarbageTotals,
} from './gc/gc-report';
// Store format versions, migration and deduplication (docs/store-lifecycle.md).
export { STORE_FORMAT_PATH, STORE_FORMAT_VERSION, storeFormat } from './artifacts/store-format';
export { BlobLayout, DEDUP_MIN_BYTES } from './artifacts/blob-layout';
export { migrateStore } from './gc/migrate-store';
export type { MigrateOptions, MigrationReport, MigrationStep } from './gc/migrate-store';
export { artifactStorage, storeUsage } from './gc/store-usage';
export type { ArtifactStorage, StoredFile, StoreUsage } from './gc/store-usage';
// Store lifecycle: tags, deletion, retention and copies (docs/store-lifecycle.md).
export { LifecycleError } from './errors/lifecycle.error';
export { StoreLifecycle } from './lifecycle/store-lifecycle';
export { listTags, removeTag, setTag, tagHistory } from './lifecycle/tag-operations';
export type { TagMoveOptions, TagMoveResult, TagState } from './lifecycle/tag-operations';
export type { TagHistoryEntry } from './artifacts/tag-history';
export { deleteKey, deleteVersion } from './lifecycle/delete-artifacts';
export type { DeleteOptions, DeleteResult } from './lifecycle/delete-artifacts';
export type { Protection } from './lifecycle/version-protection';
export { formatRetentionRules, parseRetentionRules } from './lifecycle/retention-rules';
export type { RetentionRules } from './lifecycle/retention-rules';
export { copyArtifacts } from './lifecycle/copy-artifacts';
export type {
  CopiedTag,
  CopiedVersion,
  CopyConflict,
  CopyOptions,
  CopyOutcome,
  CopyResult,
} from './lifecycle/copy-artifacts';
export type { CopiedRun } from './lifecycle/copy-runs';
export { parseCopySelector } from './lifecycle/copy-selection';
export type { CopySelector } from './lifecycle/copy-selection';
export { applyRetention, planRetention } from './lifecycle/retention-plan';
export type {
  RetentionDecision,
  RetentionOptions,
  RetentionPlan,
} from './lifecycle/retention-plan';
export { link, linkTarget, resolveLinks, SAME_KEY_LINK } from './artifacts/artifact-links';
export type { OutputLink } from './artifacts/artifact-links';
export type { RecordedOutputs } from './artifacts/artifact-links';
export type {
  Store,
  Body,
  PutResult,
  PutOptions,
  ByteRange,
  ObjectStat,
  TemporaryObject,
  ListOptions,
  SizedStream,
} from './stores/store';
export { MemoryStore } from './stores/memory.store';
export type { MemoryStoreOptions } from './stores/memory.store';
export { LocalStore, DEFAULT_LOCAL_ROOT } from './stores/local.store';
export type { LocalStoreOptions } from './stores/local.store';
export { validateStorePath, validateStorePrefix } from './stores/store-path';
export { bodyChunks } from './stores/body';

export { Packager } from './decorators/packager.decorator';
export { Pack } from './decorators/pack.decorator';
export { Unpack } from './decorators/unpack.decorator';
export { Bundle } from './decorators/bundle.decorator';
export { Unbundle } from './decorators/unbundle.decorator';
export { Option } from './decorators/option.decorator';
export type { OptionSpec, OptionDecorator } from './decorators/option.decorator';
export type { PackagerOptions, PackMethodOptions } from './decorators/packager-args';
export { declarationModeLabel } from './decorators/decorator-mode';
export type {
  DeclarationMode,
  StowageClassDecorator,
  StowageMethodDecorator,
} from './decorators/decorator-mode';
export { definePackager, registerPackager, defineOptions } from './packagers/define-packager';
export type {
  DefinedPackager,
  PackagerDefinitionSpec,
  PackagerRegistration,
  PackFunction,
  PackMethodRef,
  UnpackFunction,
} from './packagers/define-packager';
export type { OptionRecord } from './options/option-record';

export { PackagerRegistry } from './registry/packager-registry';
export type { PackagerRegistryOptions } from './registry/packager-registry';
// Types only: what `manager.snapshot` and `registry.resolve()` give back (built by the registry).
export type { PackagerSnapshot, Candidate } from './registry/packager-snapshot';

export type {
  PackagerDefinition,
  PackMethodDefinition,
  UnpackMethodDefinition,
} from './registry/packager-definition';

export type {
  OptionDefinition,
  OptionKind,
  OptionItemKind,
  OptionsSchema,
} from './options/options-schema';

export type { ContainerLike, Injectable } from './di/container-like';
export { TypediContainer } from './di/typedi.container';
export { PackagersManager } from './manager/packagers-manager';
export type { PackagersManagerOptions, PackCallOptions } from './manager/manager-options';
export type { UnpackCallOptions } from './manager/manager-options';
export type { PackedOutput, PackedResult, PackedArtifact } from './manager/packed-output';
export { OutputBatch } from './manager/output-batch';
export type { OutputBatchOptions, BatchReport, OutputFailure } from './manager/output-batch';
export type { PackExplanation, ExplainedCandidate } from './manager/explain-pack';
export type { UnpackAttempt } from './manager/unpack-attempts';
export { READ_CONVERSIONS } from './manager/read-conversions';
export type { ConversionOutcome, ReadConversion } from './manager/read-conversions';
export { loadProjectConfig, CONFIG_FILE } from './config/project-config';
export type { ProjectConfig, CustomPackagerEntry } from './config/project-config';
export { addCustomPackager, removeCustomPackager } from './config/custom-packagers-config';
export type { AddCustomPackagerOptions } from './config/custom-packagers-config';

export { parseLogHint } from './log-hints/parse-log-hint';
export type { LogHintSource } from './log-hints/parse-log-hint';
export { hint, LogHintBuilder } from './log-hints/hint.builder';
export type { HintOptions } from './log-hints/hint.builder';
export { formatLogHint } from './log-hints/format-log-hint';

export type { LogHint, LogHintInit, LogHintValue, Itemized } from './log-hints/log-hint';

export { Handler } from './decorators/handler.decorator';
export { Input } from './decorators/input.decorator';
export { Param } from './decorators/param.decorator';
export { handler } from './handlers/handler.function';
export type { FunctionHandlerOptions, HandlerFunction } from './handlers/handler.function';
export type {
  HandlerOptions,
  MethodHandlerOptions,
  OutputHint,
} from './decorators/handler-options';
export { run } from './handlers/run';
export type { RunOptions, InputSource, OutputFailurePolicy } from './handlers/run-options';
export type {
  HintKeyText,
  MethodNames,
  OutputKeyOf,
  OutputKeys,
  MethodNameOf,
  PlainFunction,
  TypedRunOptions,
  TypedRunRecord,
} from './handlers/run-types';
export type { HandlerLike } from './handlers/resolve-handler';

export type { HandlerDefinition, HandlerInput } from './handlers/handler-definition';
export { listOf, dictOf, collectionOf, isCollectionHint } from './decorators/type-hint';
export type { TypeHint, CollectionHint } from './decorators/type-hint';
export { BUILTIN_PACKAGERS, ObjectPackager } from './packagers/builtin/index';
export { ObjectOptions } from './packagers/builtin/object.packager';
export { LocalPath } from './values/local-path';
export { RESULT_MAX_NODES } from './packagers/builtin/collection-io';
export { Serializable, registerClass } from './serialization/serializable.decorator';
export type { SerializableOptions } from './serialization/serializable.decorator';
export { ClassRegistry } from './serialization/class-registry';
export type { ClassRegistryOptions } from './serialization/class-registry';
export type { ClassRegistration } from './serialization/serializable-catalog';
export { ObjectSerializer } from './serialization/object-serializer';
export type { ObjectSerializerOptions, EncodedObject } from './serialization/object-serializer';
export type { DecodeOptions } from './serialization/object-serializer';
export type { ObjectRuntimeRecord } from './serialization/serialization-runtime';
export { encodeNpy, decodeNpy } from './formats/npy.format';
export type { NpyArray, NpyWriteOptions } from './formats/npy.format';
export { encodeNpz, decodeNpz } from './formats/npz.format';
export type { NpzEntry } from './formats/npz.format';
export type { NpyDtype, NumericArray } from './formats/npy-dtype';
export { archiveDirectory, extractArchive } from './archives/directory-archive';
export type { DirectoryArchive, ArchiveOptions } from './archives/directory-archive';
export { ARCHIVE_FORMATS } from './archives/archive-format';
export type { ArchiveFormat } from './archives/archive-format';
export type { ArchiveLimits } from './archives/archive-limits';

export type {
  PackContext,
  UnpackContext,
  PackOutput,
  ArtifactOutput,
  ResultOutput,
  FullControlPackager,
  WarningSink,
} from './packagers/pack-context';
