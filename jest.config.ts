/** @jest-config-loader ts-node */
/** @jest-config-loader-options {"transpileOnly": true} */
// Jest runs every package's tests from the root, against the TypeScript sources (no build needed).
// Type checking is a separate step (`npm run typecheck`), so ts-jest only transpiles (isolatedModules)
// and ts-node loads this file without checking it (the type-check covers it: tsconfig.check.json).
import type { Config } from 'jest';

const BUILD_BINARIES = '<rootDir>/scripts/jest-build-binaries.js';

/** Every test's default timeout (Jest's own is 5 s). */
const TEST_TIMEOUT_MS = 30_000;

type Project = NonNullable<Config['projects']>[number] & object;

const project = (name: string, roots: string[]): Project => ({
  displayName: name,
  testEnvironment: 'node',
  roots,
  testMatch: ['**/test/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
  // Each package's entries, mapped to its sources: `@stowage/x` and core's `@stowage/core/internal`.
  moduleNameMapper: {
    '^@stowage/core/internal$': '<rootDir>/packages/core/src/internal',
    '^@stowage/([a-z0-9-]+)$': '<rootDir>/packages/$1/src',
  },
  rootDir: __dirname,
  // One project-wide timeout instead of per-test bumps: Jest's 5 s default is too short when the
  // machine is loaded (CI runners, several suites at once), and a test that hangs still fails.
  // Tests that need longer (builds, big archives) still set their own.
  testTimeout: TEST_TIMEOUT_MS,
  // Not in the temporary directory: the test run checks that it leaves that directory empty.
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
});

const config: Config = {
  testTimeout: TEST_TIMEOUT_MS,
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
  projects: [
    project('core', ['<rootDir>/packages/core']),
    project('testing', ['<rootDir>/packages/testing']),
    project('s3', ['<rootDir>/packages/s3']),
    project('tables', ['<rootDir>/packages/tables']),
    // The UI's route tests; its browser tests (a real Chromium) are a project of their own.
    {
      ...project('ui', ['<rootDir>/packages/ui']),
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/packages/ui/test/browser/'],
    },
    { ...project('ui-browser', ['<rootDir>/packages/ui/test/browser']) },
    // These run built programs as child processes; their globalSetup builds them first.
    { ...project('bullmq', ['<rootDir>/packages/bullmq']), globalSetup: BUILD_BINARIES },
    { ...project('cli', ['<rootDir>/packages/cli']), globalSetup: BUILD_BINARIES },
    { ...project('examples', ['<rootDir>/examples']), globalSetup: BUILD_BINARIES },
    // docs/examples/**: the runnable examples the docs include (see scripts/doc-snippets.js).
    { ...project('docs', ['<rootDir>/docs']), testMatch: ['<rootDir>/docs/examples/**/*.test.ts'] },
  ],
};

export default config;
