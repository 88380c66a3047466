// Public API of @stowage/testing. Named exports only; no side effects.
export { nodeTestRunner, useTestRunner } from './test-runner';
export type {
  ConformanceExpectation,
  ConformanceMatchers,
  NodeTestModule,
  TestFunction,
  TestRunner,
} from './test-runner';
export { describeStore } from './describe-store';
export type { DescribeStoreOptions } from './describe-store';
export { describeStoreLifecycle } from './describe-store-lifecycle';
export type { DescribeStoreLifecycleOptions } from './describe-store-lifecycle';
export { describePackager } from './describe-packager';
export type { DescribePackagerOptions, OptionSets } from './describe-packager';
export { createTestManager } from './test-manager';
export type { TestManager, TestManagerOptions } from './test-manager';
export { ConformanceError } from './checks/conformance.error';
export { checkRecord } from './checks/record.check';
export { damageArtifactFile } from './checks/damage-artifact-file';
export { checkRoundTrip, checkNoMutation, checkNoTempLeft } from './checks/round-trip.check';
export { checkUnknownOptionRejected, UNKNOWN_OPTION } from './checks/unknown-option.check';
export { checkUnpackFixture } from './checks/unpack-fixture.check';
export type { UnpackFixture } from './checks/unpack-fixture.check';
export { checkRoundTripProperty, DEFAULT_NUM_RUNS } from './checks/round-trip.property';
export type { PropertyRunOptions } from './checks/round-trip.property';
export { SAMPLE_KEY } from './checks/pack-case';
export type { PackCase, CaseEnvironment, Equality } from './checks/pack-case';
export { deepSnapshot } from './checks/deep-snapshot';
export type { Snapshot } from './checks/deep-snapshot';
export { findNonJson } from './checks/json-safe';
export { withTempSandbox } from './checks/temp-sandbox';
export type { SandboxOutcome } from './checks/temp-sandbox';
