// Public API of @stowage/testing. Named exports only; no side effects.
export { describeStore } from './describe-store';
export type { DescribeStoreOptions } from './describe-store';
