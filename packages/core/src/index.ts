// Public API of @stowage/core. Named exports only; no side effects.
export { StowageError } from './errors/stowage.error';
export type { StowageErrorInit } from './errors/stowage.error';
export { ERROR_CODES } from './errors/error-codes';
export type { ErrorCode } from './errors/error-codes';
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
export type { Constructor, ConcreteConstructor, JsonValue, Instructions, PackableType } from './types';
export { ArtifactType } from './artifacts/artifact-type';
export type { ArtifactTypeName } from './artifacts/artifact-type';
export { Artifact } from './artifacts/artifact';
export type { ArtifactInit, PackagingRecord, RuntimeRecord, ArtifactFileRecord, ProducerRecord } from './artifacts/artifact';
export { DataItem } from './data/data-item';
export type { Store, Body, PutResult, PutOptions, ByteRange, ObjectStat } from './stores/store';

export { Packager } from './decorators/packager.decorator';
export { Pack } from './decorators/pack.decorator';
export { Unpack } from './decorators/unpack.decorator';
export { Bundle } from './decorators/bundle.decorator';
export { Unbundle } from './decorators/unbundle.decorator';
export { Option } from './decorators/option.decorator';
export type { OptionSpec } from './decorators/option.decorator';
export type { PackagerOptions, PackMethodOptions } from './decorators/packager-args';
export { catalogSnapshot } from './registry/packager-catalog';
export { isResultOutput } from './packagers/pack-context';
export type {
  PackContext,
  UnpackContext,
  PackOutput,
  ArtifactOutput,
  ResultOutput,
  FullControlPackager,
  WarningSink,
} from './packagers/pack-context';
