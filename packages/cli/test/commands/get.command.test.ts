import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ArtifactKinds,
  type ArtifactFileRecord,
  LocalStore,
  ModelArtifact,
  RunContext,
  StoreArtifactRepository,
} from '@stowage/core';
import { damageArtifactFile } from '@stowage/testing';
import { parseArtifactRecord, serializeArtifactRecord } from '@stowage/core/internal';
import { assertBuilt, stowage, tempDir } from '../helpers/cli-process';
import { seedStore, type SeededStore } from '../helpers/seed-store';

describe('stowage get', () => {
  const dir = tempDir();
  let seeded: SeededStore;
  let env: Record<string, string>;

  beforeAll(async () => {
    assertBuilt();
    seeded = await seedStore(`${dir.path}/store`);
    env = { STOWAGE_STORE: `${dir.path}/store` };
  });
  afterAll(() => dir.remove());

  describe('when the artifact has one file', () => {
    it('should write it under its name in the current directory', async () => {
      const cwd = join(dir.path, 'one');
      mkdirSync(cwd);
      const { code, stdout } = await stowage(['get', 'points', '--json'], { cwd, env });
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toEqual([
        { name: 'data.csv', size: 12, path: join(cwd, 'data.csv') },
      ]);
      expect(readFileSync(join(cwd, 'data.csv'), 'utf8')).toBe('x,y\n1,2\n3,4\n');
      expect(readdirSync(cwd)).toEqual(['data.csv']);
    });

    it('should write it to a file path given as dest', async () => {
      const { code } = await stowage(['get', 'store://points', 'copy.csv'], { cwd: dir.path, env });
      expect(code).toBe(0);
      expect(readFileSync(join(dir.path, 'copy.csv'), 'utf8')).toBe('x,y\n1,2\n3,4\n');
    });
  });

  describe('when the artifact has several files', () => {
    it('should write them into a directory named after the key', async () => {
      const cwd = join(dir.path, 'many');
      mkdirSync(cwd);
      const { code } = await stowage(['get', seeded.modelUriV1], { cwd, env });
      expect(code).toBe(0);
      expect(readdirSync(join(cwd, 'model')).sort()).toEqual(['model.json', 'weights.bin']);
      expect(readFileSync(join(cwd, 'model', 'weights.bin'))).toEqual(Buffer.alloc(16, 7));
    });

    it('should write only the file named after #', async () => {
      const { code } = await stowage(['get', 'store://model#weights.bin', 'w.bin'], {
        cwd: dir.path,
        env,
      });
      expect(code).toBe(0);
      expect(readFileSync(join(dir.path, 'w.bin'))).toEqual(Buffer.alloc(16, 9));
    });
  });

  describe('when the destination exists', () => {
    it('should refuse without --force and overwrite with it', async () => {
      writeFileSync(join(dir.path, 'taken.csv'), 'old');
      const refused = await stowage(['get', 'points', 'taken.csv'], { cwd: dir.path, env });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        `${join(dir.path, 'taken.csv')} already exists. How to fix: Pass another destination, or --force`,
      );
      expect(readFileSync(join(dir.path, 'taken.csv'), 'utf8')).toBe('old');
      const forced = await stowage(['get', 'points', 'taken.csv', '--force'], {
        cwd: dir.path,
        env,
      });
      expect(forced.code).toBe(0);
      expect(readFileSync(join(dir.path, 'taken.csv'), 'utf8')).toBe('x,y\n1,2\n3,4\n');
    });
  });

  describe('when the stored bytes were damaged', () => {
    it('should fail with an integrity error and leave no file behind', async () => {
      const store = new LocalStore({ root: `${dir.path}/store` });
      const version = seeded.modelUri.split('@')[1] ?? '';
      const repository = new StoreArtifactRepository({ store });
      await damageArtifactFile(store, await repository.read('model', { version }), 'model.json');
      await repository.dispose();
      const cwd = join(dir.path, 'damaged');
      mkdirSync(cwd);
      const { code, stderr } = await stowage(['get', 'store://model#model.json'], { cwd, env });
      expect(code).toBe(1);
      expect(stderr).toMatch(/^stowage: .*(sha256|hash|size).*How to fix: /i);
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(readdirSync(cwd)).toEqual([]);
    });
  });

  describe('when the file name after # does not exist', () => {
    it('should list the files the artifact has', async () => {
      const { code, stderr } = await stowage(['get', 'store://model#nope.bin'], {
        cwd: dir.path,
        env,
      });
      expect(code).toBe(1);
      expect(stderr).toContain(
        'Artifact "model" has no file "nope.bin". How to fix: Use one of: model.json, weights.bin.',
      );
      expect(existsSync(join(dir.path, 'nope.bin'))).toBe(false);
    });
  });
});

describe('stowage get (crafted file names)', () => {
  const dir = tempDir();
  let env: Record<string, string>;
  let records: string;

  beforeAll(async () => {
    assertBuilt();
    const store = new LocalStore({ root: join(dir.path, 'store') });
    const ctx = await RunContext.start({ store });
    await ctx.logArtifact(
      new ModelArtifact({
        key: 'evil',
        body: Buffer.from('{}'),
        fileName: 'model.json',
        files: { 'weights.bin': Buffer.alloc(4, 1) },
      }),
    );
    await ctx.complete();
    records = join(dir.path, 'store', 'artifacts', 'evil', 'records');
    env = { STOWAGE_STORE: join(dir.path, 'store') };
  });
  afterAll(() => dir.remove());

  /**
   * Rewrites the stored record of `evil` so that its files carry the given names, with a valid
   * checksum: anyone who can write the store can do that, so the names themselves must be checked.
   */
  function craft(primary: string, extra: string): void {
    const [file] = readdirSync(records);
    const path = join(records, file ?? '');
    const artifact = parseArtifactRecord(readFileSync(path), ArtifactKinds.builtin(), path);
    artifact.fileName = primary;
    artifact.fileRecords = [{ ...(artifact.fileRecords?.[0] as ArtifactFileRecord), name: extra }];
    writeFileSync(path, serializeArtifactRecord(artifact));
  }

  function snapshot(root: string): string[] {
    return readdirSync(root, { recursive: true, encoding: 'utf8' }).sort();
  }

  describe.each([
    ['a ../ name', 'model.json', '../escaped/x.bin'],
    ['a nested ../ name', 'model.json', 'sub/../../escaped/x.bin'],
    ['an absolute name', 'model.json', '/ABS/escaped/x.bin'],
    ['a primary file named ..', '..', 'weights.bin'],
    ['a backslash name', 'model.json', '..\\escaped\\x.bin'],
  ])('when the record has %s', (_what, primary, extra) => {
    it('should refuse with CLI_UNSAFE_FILE_NAME and create nothing', async () => {
      const cwd = join(dir.path, `work-${Math.random().toString(36).slice(2)}`);
      mkdirSync(cwd);
      const abs = join(cwd, 'abs');
      craft(primary.replace('/ABS', abs), extra.replace('/ABS', abs));
      const parentBefore = snapshot(dir.path);
      const { code, stderr } = await stowage(['get', 'evil', 'dest'], { cwd, env });
      expect(code).toBe(1);
      expect(stderr).toMatch(
        /^stowage: Artifact "evil" names the file .* nothing was written\. How to fix: /,
      );
      expect(snapshot(dir.path)).toEqual(parentBefore);
      expect(readdirSync(cwd)).toEqual([]);
    });
  });

  describe('when only the safe file is asked for with #', () => {
    it('should still write it', async () => {
      craft('model.json', '../escaped/x.bin');
      const cwd = join(dir.path, 'safe-one');
      mkdirSync(cwd);
      const { code } = await stowage(['get', 'store://evil#model.json'], { cwd, env });
      expect(code).toBe(0);
      expect(readdirSync(cwd)).toEqual(['model.json']);
    });
  });
});
