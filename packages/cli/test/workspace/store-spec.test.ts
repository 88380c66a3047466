import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecord } from '@stowage/core';
import { connection, describeS3, freshBucket } from '../../../s3/test/helpers/s3-test-server';
import { UsageError } from '../../src/errors/usage.error';
import { resolveStoreSpec } from '../../src/workspace/store-spec';
import { assertBuilt, fixture, stowage, tempDir } from '../helpers/cli-process';

describeS3('stowage --store s3://…', () => {
  const dir = tempDir();
  let bucket: Awaited<ReturnType<typeof freshBucket>> | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    assertBuilt();
    bucket = await freshBucket();
    env = {
      STOWAGE_STORE: `s3://${bucket.options.bucket}/cli-test`,
      STOWAGE_S3_ENDPOINT: connection.endpoint,
      AWS_ACCESS_KEY_ID: connection.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: connection.credentials.secretAccessKey,
      AWS_REGION: connection.region,
    };
  });
  afterAll(async () => {
    await bucket?.cleanup();
    dir.remove();
  });

  describe('when a handler runs on an S3 store', () => {
    it('should log there, list it and download it back', async () => {
      const ran = await stowage(
        [
          'run',
          `${fixture('jobs.js')}#echo`,
          '-p',
          'value="hello s3"',
          '--returns',
          'greeting : file',
          '--json',
        ],
        { cwd: dir.path, env },
      );
      expect(ran.stderr).toBe('');
      const record = JSON.parse(ran.stdout) as RunRecord;
      expect(record.status).toBe('completed');
      const runs = await stowage(['runs', '--json'], { cwd: dir.path, env });
      expect((JSON.parse(runs.stdout) as RunRecord[]).map((r) => r.id)).toEqual([record.id]);
      const got = await stowage(['get', 'greeting', 'greeting.txt'], { cwd: dir.path, env });
      expect(got.code).toBe(0);
      expect(readFileSync(join(dir.path, 'greeting.txt'), 'utf8')).toBe('hello s3');
    });
  });
});

describe('resolveStoreSpec', () => {
  describe('when --store, STOWAGE_STORE or neither is given', () => {
    it('should prefer --store, then the environment, then ./.stowage', () => {
      const env = { STOWAGE_STORE: 's3://bucket/team' };
      expect(resolveStoreSpec('data', env, '/work')).toEqual({
        kind: 'local',
        root: '/work/data',
        source: '--store',
      });
      expect(resolveStoreSpec(undefined, env, '/work')).toEqual({
        kind: 's3',
        url: 's3://bucket/team',
        source: 'STOWAGE_STORE',
      });
      expect(resolveStoreSpec(undefined, {}, '/work')).toEqual({
        kind: 'local',
        root: '/work/.stowage',
        source: 'default',
      });
    });

    it('should read file:// URLs as local roots', () => {
      expect(resolveStoreSpec('file:///srv/stowage', {}, '/work')).toMatchObject({
        kind: 'local',
        root: '/srv/stowage',
      });
    });
  });

  describe('when the value is empty or has another scheme', () => {
    it.each([[''], ['https://example.com/store']])('should throw a UsageError for %p', (text) => {
      expect(() => resolveStoreSpec(text, {}, '/work')).toThrow(UsageError);
    });
  });
});
