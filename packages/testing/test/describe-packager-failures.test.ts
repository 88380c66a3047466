// Runs the generated suites of deliberately broken packagers in a child jest process and checks
// that exactly the tests for the broken rules fail: proof that describePackager's tests can fail.
import { execFile } from 'node:child_process';
import { join } from 'node:path';

interface JestJson {
  testResults: { assertionResults: { fullName: string; status: string }[] }[];
}

const ROOT = join(__dirname, '..', '..', '..');
const SUITE = join(__dirname, 'fixtures', 'broken-packagers.suite.ts');

function runChildJest(): Promise<JestJson> {
  const config = {
    rootDir: ROOT,
    testEnvironment: 'node',
    roots: [join(__dirname, 'fixtures')],
    testMatch: [SUITE],
    transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: join(ROOT, 'tsconfig.jest.json') }] },
    moduleNameMapper: { '^@stowage/([a-z0-9-]+)$': '<rootDir>/packages/$1/src' },
    // Not in the temporary directory, which the test run checks is left empty.
    cacheDirectory: join(ROOT, 'node_modules', '.cache', 'jest'),
  };
  const jest = join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
  const args = [jest, '--config', JSON.stringify(config), '--json', '--runInBand', '--silent'];
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => {
        try {
          resolve(JSON.parse(stdout) as JestJson);
        } catch {
          reject(error ?? new Error(`child jest printed no JSON: ${stdout.slice(0, 500)}`));
        }
      },
    );
  });
}

describe('describePackager', () => {
  describe('when the packagers under test are broken', () => {
    it('should generate failing tests for exactly the rules each one breaks', async () => {
      const report = await runChildJest();
      const failed = report.testResults
        .flatMap((r) => r.assertionResults)
        .filter((a) => a.status === 'failed')
        .map((a) =>
          a.fullName.replace(/ \(packager conformance\) when packing "a point" as "file"/, ':'),
        )
        .sort();
      expect(failed).toEqual([
        'BadRecordPointPackager: should record the packager, object type, artifact type, instructions, size and sha256',
        'LaxPointPackager (packager conformance) when packing with its default artifact type with an unknown option should reject it with an OptionsError and store nothing',
        'LeakyPointPackager: should leave no temporary files behind',
        'MutatingPointPackager: should not mutate the value',
        'SwappingPointPackager: should unpack to an equal value',
      ]);
    }, 120_000);
  });
});
