import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  Artifact,
  DataItem,
  MemoryStore,
  PackagersManager,
  TempScope,
  type PackOutput,
  type UnpackContext,
} from '@stowage/core';
import { Pack } from '../../src/decorators/pack.decorator';
import { Packager } from '../../src/decorators/packager.decorator';
import { Unpack } from '../../src/decorators/unpack.decorator';
import { handler } from '../../src/handlers/handler.function';
import { run } from '../../src/handlers/run';

/** A value whose unpacked form is a file in a temporary directory the unpacker made. */
class Sheet {
  constructor(
    readonly text: string,
    readonly localPath?: string,
  ) {}
}

@Packager({ type: Sheet, defaultPackingArtifactType: 'file', defaultUnpackingArtifactType: 'file' })
class SheetPackager {
  @Pack('file')
  packFile(sheet: Sheet, key: string): PackOutput {
    return {
      artifact: new Artifact({ key, body: Buffer.from(sheet.text), fileName: 'sheet.txt' }),
    };
  }

  @Unpack('file')
  async unpackFile(item: DataItem, _instructions: object, ctx: UnpackContext): Promise<Sheet> {
    const dir = await ctx.tempDir();
    const path = join(dir, 'sheet.txt');
    const text = await item.getText();
    await writeFile(path, text);
    return new Sheet(text, path);
  }
}

function setup(): { manager: PackagersManager; store: MemoryStore } {
  const store = new MemoryStore();
  const manager = new PackagersManager({ store, packagers: [SheetPackager], fallback: null });
  return { manager, store };
}

async function storeSheet(manager: PackagersManager, key: string, text: string): Promise<string> {
  const out = await manager.pack(new Sheet(text), key);
  if (out.kind !== 'artifact') throw new Error('expected an artifact');
  return out.artifact.uri as string;
}

function gate(): { wait: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

describe('run temporary scope', () => {
  describe('when two runs share one manager and one finishes first', () => {
    it("should keep the other run's unpacked files until that run finishes", async () => {
      const { manager } = setup();
      const uriA = await storeSheet(manager, 'a', 'alpha');
      const uriB = await storeSheet(manager, 'b', 'beta');
      const seen: Record<string, string> = {};
      const bStarted = gate();
      const aDone = gate();
      const observed: { bFileDuringB?: string; aFileAfterA?: boolean } = {};

      const quick = handler(
        ({ sheet }: { sheet: Sheet }) => {
          seen.a = sheet.localPath as string;
        },
        { inputs: { sheet: Sheet } },
      );
      const slow = handler(
        async ({ sheet }: { sheet: Sheet }) => {
          seen.b = sheet.localPath as string;
          bStarted.open();
          await aDone.wait;
          observed.aFileAfterA = existsSync(seen.a as string);
          observed.bFileDuringB = await readFile(sheet.localPath as string, 'utf8');
        },
        { inputs: { sheet: Sheet } },
      );

      const runB = run(slow, { manager, inputs: { sheet: uriB } });
      await bStarted.wait;
      const recordA = await run(quick, { manager, inputs: { sheet: uriA } });
      aDone.open();
      const recordB = await runB;

      expect(recordA.status).toBe('completed');
      expect(recordB.status).toBe('completed');
      expect(observed).toEqual({ aFileAfterA: false, bFileDuringB: 'beta' });
      expect(existsSync(seen.b as string)).toBe(false);
    });
  });

  describe('when the handler throws after its inputs were unpacked', () => {
    it('should remove the unpacked files of the failed run', async () => {
      const { manager } = setup();
      const uri = await storeSheet(manager, 'a', 'alpha');
      let path = '';
      const failing = handler(
        ({ sheet }: { sheet: Sheet }) => {
          path = sheet.localPath as string;
          throw new Error('boom');
        },
        { inputs: { sheet: Sheet } },
      );

      const record = await run(failing, { manager, inputs: { sheet: uri } });

      expect(record.status).toBe('error');
      expect(path).not.toBe('');
      expect(existsSync(path)).toBe(false);
    });
  });
});

describe('PackagersManager.unpack', () => {
  describe('when the caller passes its own temp scope', () => {
    it('should keep the files through cleanup() and remove them on dispose', async () => {
      const { manager } = setup();
      const uri = await storeSheet(manager, 'a', 'alpha');
      const temp = new TempScope();
      const item = await manager.repository!.open(uri);

      const sheet = await manager.unpack(item, Sheet, { temp });
      await manager.cleanup();

      expect(temp.size).toBe(1);
      expect(await readFile(sheet.localPath as string, 'utf8')).toBe('alpha');
      await temp.dispose();
      expect(existsSync(sheet.localPath as string)).toBe(false);
    });
  });

  describe('when no scope is passed', () => {
    it('should remove the files on cleanup()', async () => {
      const { manager } = setup();
      const uri = await storeSheet(manager, 'a', 'alpha');

      const sheet = await manager.unpack(await manager.repository!.open(uri), Sheet);
      expect(existsSync(sheet.localPath as string)).toBe(true);
      await manager.cleanup();

      expect(existsSync(sheet.localPath as string)).toBe(false);
    });
  });
});
