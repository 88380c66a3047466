import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addCustomPackager, removeCustomPackager } from '../../src/config/custom-packagers-config';
import { loadProjectConfig } from '../../src/config/project-config';
import { ConfigError } from '../../src/errors/config.error';
import { PackagersManager } from '../../src/manager/packagers-manager';
import { expectStowageError, expectStowageRejection } from '../helpers/expect-stowage-error';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'stowage-config-test-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const readJson = async (name: string): Promise<unknown> =>
  JSON.parse(await readFile(join(root, name), 'utf8')) as unknown;

describe('loadProjectConfig', () => {
  describe('when the project has no configuration', () => {
    it('should return an empty configuration', () => {
      expect(loadProjectConfig(root)).toEqual({
        root,
        source: undefined,
        sourceKind: 'none',
        customPackagers: [],
      });
    });
  });

  describe('when stowage.config.json exists', () => {
    it('should read the custom packagers, a string entry meaning mandatory', async () => {
      await writeFile(
        join(root, 'stowage.config.json'),
        JSON.stringify({
          customPackagers: ['./a#A', { module: './b#B', mandatory: false }],
          store: { kind: 'local' },
        }),
      );
      expect(loadProjectConfig(root)).toMatchObject({
        sourceKind: 'config-file',
        customPackagers: [
          { module: './a#A', mandatory: true },
          { module: './b#B', mandatory: false },
        ],
      });
    });

    it('should throw CONFIG_INVALID_JSON for broken JSON', async () => {
      await writeFile(join(root, 'stowage.config.json'), '{ "customPackagers": [], }');
      expectStowageError(() => loadProjectConfig(root), ConfigError, 'CONFIG_INVALID_JSON');
    });

    it.each([
      [{ customPackagers: {} }],
      [{ customPackagers: [{ mandatory: true }] }],
      [{ customPackagers: [{ module: './a', mandatory: 'yes' }] }],
      [[]],
    ])('should throw CONFIG_INVALID_SHAPE for %j', async (content) => {
      await writeFile(join(root, 'stowage.config.json'), JSON.stringify(content));
      expectStowageError(() => loadProjectConfig(root), ConfigError, 'CONFIG_INVALID_SHAPE');
    });
  });

  describe('when package.json has a "stowage" field', () => {
    it('should read it', async () => {
      await writeFile(
        join(root, 'package.json'),
        JSON.stringify({ name: 'p', stowage: { customPackagers: ['./x#X'] } }),
      );
      expect(loadProjectConfig(root)).toMatchObject({
        sourceKind: 'package-json',
        customPackagers: [{ module: './x#X', mandatory: true }],
      });
    });
  });
});

describe('addCustomPackager / removeCustomPackager', () => {
  describe('when the project has no configuration', () => {
    it('should create stowage.config.json atomically, leaving no temporary file', async () => {
      const config = await addCustomPackager(root, './packagers#ImagePackager', {
        mandatory: false,
      });
      expect(config.customPackagers).toEqual([
        { module: './packagers#ImagePackager', mandatory: false },
      ]);
      expect(await readJson('stowage.config.json')).toEqual({
        customPackagers: [{ module: './packagers#ImagePackager', mandatory: false }],
      });
      expect(await readdir(root)).toEqual(['stowage.config.json']);
    });
  });

  describe('when the configuration lives in package.json', () => {
    it('should edit the "stowage" field and keep every other field', async () => {
      await writeFile(
        join(root, 'package.json'),
        JSON.stringify({ name: 'p', version: '1.0.0', stowage: { other: 1 } }, null, 4),
      );
      await addCustomPackager(root, './a#A');
      expect(await readJson('package.json')).toEqual({
        name: 'p',
        version: '1.0.0',
        stowage: { other: 1, customPackagers: [{ module: './a#A', mandatory: true }] },
      });
      expect(await readFile(join(root, 'package.json'), 'utf8')).toContain('\n    "name"');
    });
  });

  describe('when a packager is added twice or removed', () => {
    it('should update the mandatory flag, not duplicate, and remove it', async () => {
      await addCustomPackager(root, './a#A');
      await addCustomPackager(root, './b#B');
      await addCustomPackager(root, './a#A', { mandatory: false });
      expect(loadProjectConfig(root).customPackagers).toEqual([
        { module: './a#A', mandatory: false },
        { module: './b#B', mandatory: true },
      ]);
      const after = await removeCustomPackager(root, './a#A');
      expect(after.customPackagers).toEqual([{ module: './b#B', mandatory: true }]);
    });

    it('should throw CONFIG_PACKAGER_NOT_FOUND for a module that is not configured', async () => {
      await addCustomPackager(root, './a#A');
      const error = await expectStowageRejection(
        removeCustomPackager(root, './z#Z'),
        ConfigError,
        'CONFIG_PACKAGER_NOT_FOUND',
      );
      expect(error.fix).toContain('./a#A');
    });

    it('should throw CONFIG_WRITE_FAILED when the folder is missing', async () => {
      await expectStowageRejection(
        addCustomPackager(join(root, 'missing'), './a#A'),
        ConfigError,
        'CONFIG_WRITE_FAILED',
      );
    });
  });

  describe('when the manager is given a project root', () => {
    it('should collect the configured custom packagers', async () => {
      const fixtures = join(__dirname, '..', 'fixtures', 'custom-packagers');
      await writeFile(
        join(root, 'stowage.config.json'),
        JSON.stringify({
          customPackagers: [
            { module: join(fixtures, 'image.packagers') + '#ImagePackager', mandatory: true },
          ],
        }),
      );
      const manager = new PackagersManager({ packagers: [], fallback: null, projectRoot: root });
      expect(manager.snapshot.byName('fixture.image')).toBeDefined();
    });
  });
});
