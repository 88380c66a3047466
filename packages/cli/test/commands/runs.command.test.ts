import { assertBuilt, stowage, tempDir } from '../helpers/cli-process';
import { seedStore, type SeededStore } from '../helpers/seed-store';

describe('stowage runs', () => {
  const dir = tempDir();
  let seeded: SeededStore;
  const store = (): string => `${dir.path}/store`;

  beforeAll(async () => {
    assertBuilt();
    seeded = await seedStore(store());
  });
  afterAll(() => dir.remove());

  describe('when listing with --json', () => {
    it('should print every run, newest first', async () => {
      const { code, stdout, stderr } = await stowage(['runs', '--json', '--store', store()], {
        cwd: dir.path,
      });
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const runs = JSON.parse(stdout) as { id: string; name: string; status: string }[];
      expect(runs.map((r) => [r.id, r.name, r.status])).toEqual([
        [seeded.failedRun, 'score', 'error'],
        [seeded.trainRun, 'train', 'completed'],
      ]);
    });
  });

  describe('when filtering by label and name', () => {
    it('should keep only the matching runs', async () => {
      const byLabel = await stowage(['runs', 'list', '--label', 'team=a', '--json'], {
        cwd: dir.path,
        env: { STOWAGE_STORE: store() },
      });
      expect((JSON.parse(byLabel.stdout) as { id: string }[]).map((r) => r.id)).toEqual([
        seeded.trainRun,
      ]);
      const byName = await stowage(['runs', '--name', 'score', '--json', '--store', store()], {
        cwd: dir.path,
      });
      expect((JSON.parse(byName.stdout) as { id: string }[]).map((r) => r.id)).toEqual([
        seeded.failedRun,
      ]);
    });
  });

  describe('when listing as a table', () => {
    it('should print a header and one line per run', async () => {
      const { code, stdout } = await stowage(['runs', '--store', store()], { cwd: dir.path });
      expect(code).toBe(0);
      const lines = stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^ID\s+NAME\s+STATUS\s+STARTED\s+DURATION\s+RESULTS\s+ARTIFACTS$/);
      expect(lines).toHaveLength(3);
      expect(lines[2]).toContain('accuracy=0.875 loss=0.25');
    });
  });

  describe('when showing one run', () => {
    it('should print its params, results and artifacts', async () => {
      const { code, stdout } = await stowage(
        ['runs', 'show', seeded.trainRun, '--store', store()],
        { cwd: dir.path },
      );
      expect(code).toBe(0);
      expect(stdout).toMatch(new RegExp(`^run:\\s+${seeded.trainRun}$`, 'm'));
      expect(stdout).toMatch(/^status:\s+completed$/m);
      expect(stdout).toMatch(/^epochs\s+3$/m);
      expect(stdout).toMatch(/^accuracy\s+0\.875$/m);
      expect(stdout).toContain(seeded.modelUri);
    });

    it('should print the error of a failed run', async () => {
      const { stdout } = await stowage(
        ['runs', 'show', seeded.failedRun, '--json', '--store', store()],
        { cwd: dir.path },
      );
      const run = JSON.parse(stdout) as { status: string; error: { message: string } };
      expect(run.status).toBe('error');
      expect(run.error.message).toBe('the model file is empty');
    });
  });

  describe('when the run does not exist', () => {
    it('should print what failed with the fix, then its causes, and exit 1', async () => {
      const { code, stdout, stderr } = await stowage(['runs', 'show', 'nope', '--store', store()], {
        cwd: dir.path,
      });
      expect(code).toBe(1);
      expect(stdout).toBe('');
      const [first, ...causes] = stderr.trimEnd().split('\n');
      expect(first).toMatch(/^stowage: Run "nope" was not found in store file:\/\/.*How to fix: /);
      expect(causes[0]).toMatch(
        /^ {2}caused by NotFoundError \[NOT_FOUND\]: No object at "runs\/nope\.json"/,
      );
    });
  });

  describe('when the store does not exist', () => {
    it('should say so instead of listing nothing', async () => {
      const { code, stderr } = await stowage(['runs'], { cwd: dir.path });
      expect(code).toBe(1);
      expect(stderr).toContain(`There is no store at ${dir.path}/.stowage (from default).`);
    });
  });

  describe('when --status or --limit is malformed', () => {
    it.each([
      [['--status', 'done'], '--status "done" is not a run status.'],
      [['--limit', '0'], '--limit "0" is not a positive whole number.'],
    ])('should reject %p with exit code 2', async (args, message) => {
      const { code, stderr } = await stowage(['runs', ...args, '--store', store()], {
        cwd: dir.path,
      });
      expect(code).toBe(2);
      expect(stderr).toContain(message);
    });
  });
});
