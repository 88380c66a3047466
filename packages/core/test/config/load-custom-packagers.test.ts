import 'reflect-metadata';
import { join } from 'node:path';
import { loadCustomPackagers, importCustomPackager } from '../../src/config/load-custom-packagers';
import { CollectionError } from '../../src/errors/collection.error';
import { PackagersManager } from '../../src/manager/packagers-manager';
import { expectStowageError } from '../helpers/expect-stowage-error';
import {
  Image,
  ImagePackager,
  ThumbnailPackager,
} from '../fixtures/custom-packagers/image.packagers';

const root = join(__dirname, '..', 'fixtures', 'custom-packagers');
const repoRoot = join(__dirname, '..', '..', '..', '..');

describe('loadCustomPackagers', () => {
  describe('when the specifier names an export', () => {
    it('should import that packager class relative to the project root', () => {
      expect(importCustomPackager('./image.packagers#ImagePackager', root)).toEqual([
        ImagePackager,
      ]);
    });

    it('should import every packager of a module given alone', () => {
      expect(importCustomPackager('./image.packagers', root)).toEqual([
        ImagePackager,
        ThumbnailPackager,
      ]);
    });
  });

  describe('when a mandatory packager cannot be collected', () => {
    it.each([
      ['./missing-module#Nope', 'COLLECTION_MODULE_NOT_FOUND'],
      ['./throws-on-import#Anything', 'COLLECTION_IMPORT_FAILED'],
      ['./image.packagers#VideoPackager', 'COLLECTION_EXPORT_MISSING'],
      ['./image.packagers#notAPackager', 'COLLECTION_NOT_A_PACKAGER'],
      ['./plain-exports', 'COLLECTION_NOT_A_PACKAGER'],
      ['./image.packagers#not-a-name', 'COLLECTION_INVALID_SPECIFIER'],
      ['typedi#Container', 'COLLECTION_NOT_A_PACKAGER'],
    ])('should throw a CollectionError naming %s (%s)', (module, code) => {
      const error = expectStowageError(
        () => loadCustomPackagers([{ module, mandatory: true }], root, { warn: () => undefined }),
        CollectionError,
        code,
      );
      expect(error.message).toContain(`"${module}"`);
      expect(error.details['module']).toBe(module);
    });

    it('should carry the import error as the cause', () => {
      const error = expectStowageError(
        () => importCustomPackager('./throws-on-import', root),
        CollectionError,
        'COLLECTION_IMPORT_FAILED',
      );
      expect((error.cause as Error).message).toBe('boom while importing');
      expect(error.message).not.toContain('boom while importing');
      expect(error.describe()).toContain('caused by Error: boom while importing');
    });

    it('should make the manager constructor fail', () => {
      expectStowageError(
        () =>
          new PackagersManager({
            packagers: [],
            fallback: null,
            projectRoot: root,
            customPackagers: [{ module: './throws-on-import', mandatory: true }],
          }),
        CollectionError,
        'COLLECTION_IMPORT_FAILED',
      );
    });
  });

  describe('when an optional packager cannot be collected', () => {
    it('should warn, skip it and keep the others', () => {
      const warnings: string[] = [];
      const classes = loadCustomPackagers(
        [
          { module: './throws-on-import#X', mandatory: false },
          { module: './image.packagers#ImagePackager', mandatory: false },
        ],
        root,
        { warn: (m) => warnings.push(m) },
      );
      expect(classes).toEqual([ImagePackager]);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('./throws-on-import#X');
      expect(warnings[0]).toContain('boom while importing');
    });

    it('should let the manager fall back to a generic result', async () => {
      const warnings: string[] = [];
      const manager = new PackagersManager({
        packagers: [],
        fallback: null,
        projectRoot: root,
        warnings: { warn: (m) => warnings.push(m) },
        customPackagers: [{ module: './missing#ImagePackager', mandatory: false }],
      });
      expect(await manager.pack(new Image(2, 3), 'img : result')).toMatchObject({
        value: { width: 2, height: 3 },
      });
      expect(warnings.join('\n')).toContain('./missing#ImagePackager');
    });
  });

  describe('when the manager loads custom packagers', () => {
    it('should register them with the user default priority', async () => {
      const manager = new PackagersManager({
        packagers: [],
        fallback: null,
        projectRoot: root,
        customPackagers: [{ module: './image.packagers', mandatory: true }],
      });
      expect(manager.snapshot.byName('fixture.image')?.priority).toBe(3);
      expect(await manager.pack(new Image(4, 5), 'img : result')).toMatchObject({
        value: '4x5',
        packager: 'fixture.image',
      });
    });

    it('should resolve package names from the project root', () => {
      expect(() => importCustomPackager('typedi', repoRoot)).toThrow(CollectionError);
    });
  });
});
