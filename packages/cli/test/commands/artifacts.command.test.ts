import { assertBuilt, stowage, tempDir } from '../helpers/cli-process';
import { seedStore, type SeededStore } from '../helpers/seed-store';

describe('stowage artifacts', () => {
  const dir = tempDir();
  let seeded: SeededStore;
  let env: Record<string, string>;

  beforeAll(async () => {
    assertBuilt();
    seeded = await seedStore(`${dir.path}/store`);
    env = { STOWAGE_STORE: `${dir.path}/store` };
  });
  afterAll(() => dir.remove());

  describe('when listing without --key', () => {
    it('should print the latest version of each key', async () => {
      const { code, stdout } = await stowage(['artifacts', '--json'], { cwd: dir.path, env });
      expect(code).toBe(0);
      const found = JSON.parse(stdout) as { key: string; kind: string; uri: string }[];
      expect(found.map((a) => [a.key, a.kind])).toEqual([
        ['model', 'model'],
        ['notes', 'artifact'],
        ['points', 'dataset'],
      ]);
      expect(found[0]?.uri).toBe(seeded.modelUri);
    });
  });

  describe('when listing one key', () => {
    it('should print every version, newest first', async () => {
      const { stdout } = await stowage(['artifacts', 'list', '--key', 'model', '--json'], {
        cwd: dir.path,
        env,
      });
      expect((JSON.parse(stdout) as { uri: string }[]).map((a) => a.uri)).toEqual([
        seeded.modelUri,
        seeded.modelUriV1,
      ]);
    });
  });

  describe('when listing as a table', () => {
    it('should show key, kind, version and the producing run', async () => {
      const { stdout } = await stowage(['artifacts', '--kind', 'dataset'], { cwd: dir.path, env });
      const lines = stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^KEY\s+KIND\s+VERSION\s+TAG\s+SIZE\s+CREATED\s+RUN$/);
      expect(lines[1]).toMatch(
        new RegExp(`^points\\s+dataset\\s+\\S+\\s+12 B\\s+\\S+ \\S+\\s+${seeded.trainRun}$`),
      );
    });
  });

  describe('when showing a dataset', () => {
    it('should print its files, schema and preview rows', async () => {
      const { code, stdout } = await stowage(['artifacts', 'show', 'points'], {
        cwd: dir.path,
        env,
      });
      expect(code).toBe(0);
      expect(stdout).toMatch(/^kind:\s+dataset$/m);
      expect(stdout).toMatch(/^data\.csv\s+12 B\s+[0-9a-f]{64}$/m);
      expect(stdout).toContain('Schema (2 rows)');
      expect(stdout).toMatch(/^Preview \(first 2 rows\)\nx\s+y\n1\s+2\n3\s+4$/m);
    });

    it('should print the per-column stats as a table', async () => {
      const { stdout } = await stowage(['artifacts', 'show', 'points'], { cwd: dir.path, env });
      expect(stdout).toMatch(
        /^Stats\nCOLUMN\s+COUNT\s+NULLS\s+MIN\s+MAX\s+MEAN\s+STD\s+DISTINCT\s+TOP$/m,
      );
      expect(stdout).toMatch(/^x\s+2\s+0\s+1\s+3\s+2\s+1\.414\s*$/m);
      expect(stdout).toMatch(/^y\s+2\s+1\s+2\s+a \(1\), b \(1\)$/m);
      expect(stdout).not.toMatch(/^stats:/m);
    });
  });

  describe('when showing a text artifact by version URI', () => {
    it('should print its first lines as the preview', async () => {
      const { stdout: list } = await stowage(['artifacts', '--key', 'notes', '--json'], {
        cwd: dir.path,
        env,
      });
      const [notes] = JSON.parse(list) as { uri: string }[];
      const { stdout } = await stowage(['artifacts', 'show', notes?.uri ?? ''], {
        cwd: dir.path,
        env,
      });
      expect(stdout).toMatch(/Preview\nline one\nline two\n/);
      // Its few bytes are kept inside the record: said once, never dumped as base64.
      expect(stdout).toMatch(/inside the record:\s+\S+/);
      expect(stdout).not.toContain(Buffer.from('line one').toString('base64').slice(0, 8));
    });
  });

  describe('when showing with --json', () => {
    it('should print the stored record', async () => {
      const { stdout } = await stowage(['artifacts', 'show', seeded.modelUriV1, '--json'], {
        cwd: dir.path,
        env,
      });
      const record = JSON.parse(stdout) as {
        kind: string;
        uri: string;
        fileRecords: { name: string; size: number }[];
      };
      expect(record.kind).toBe('model');
      expect(record.uri).toBe(seeded.modelUriV1);
      expect(record.fileRecords).toEqual([
        expect.objectContaining({ name: 'weights.bin', size: 16 }),
      ]);
    });
  });

  describe('when the artifact does not exist', () => {
    it('should print one line naming the key and exit 1', async () => {
      const { code, stderr } = await stowage(['artifacts', 'show', 'store://missing:v9'], {
        cwd: dir.path,
        env,
      });
      expect(code).toBe(1);
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(
        /^stowage: Artifact "missing" \(tag "v9"\) was not found in store .*How to fix: /,
      );
    });
  });

  describe('when the URI has another scheme', () => {
    it('should reject it as a usage error', async () => {
      const { code, stderr } = await stowage(['artifacts', 'show', 's3://bucket/x'], {
        cwd: dir.path,
        env,
      });
      expect(code).toBe(2);
      expect(stderr).toContain(
        'stowage artifacts show takes an artifact URI, and "s3://bucket/x" is not one.',
      );
    });
  });
});
