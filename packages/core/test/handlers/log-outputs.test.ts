import { Artifact } from '../../src/artifacts/artifact';
import { link } from '../../src/artifacts/artifact-links';
import { StoreArtifactRepository } from '../../src/repository/store-artifact.repository';
import { handler } from '../../src/handlers/handler.function';
import { run } from '../../src/handlers/run';
import { PackagersManager } from '../../src/manager/packagers-manager';
import type { RunContext } from '../../src/runs/run-context';
import { MemoryStore } from '../../src/stores/memory.store';

function setup(): {
  manager: PackagersManager;
  repository: StoreArtifactRepository;
  store: MemoryStore;
  warnings: string[];
} {
  const store = new MemoryStore({ name: 'links' });
  const repository = new StoreArtifactRepository({ store });
  const warnings: string[] = [];
  const manager = new PackagersManager({ repository, warnings: { warn: (m) => warnings.push(m) } });
  return { manager, repository, store, warnings };
}

/** Every stored byte of the store as text: no `'...'` placeholder may appear in any record. */
async function storedText(store: MemoryStore): Promise<string> {
  const parts: string[] = [];
  for await (const stat of store.list(''))
    parts.push((await store.get(stat.path)).toString('utf8'));
  return parts.join('\n');
}

const body = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('links in a run', () => {
  describe('when a returned artifact links to a result and an artifact logged by hand', () => {
    it('should resolve both, with no warning', async () => {
      const { manager, repository, store } = setup();
      const job = handler(async (_args: object, ctx: RunContext) => {
        await ctx.logResult('acc', 0.9);
        await ctx.logArtifact(new Artifact({ key: 'data', body: body('rows') }));
        return 'the report';
      });
      const record = await run(job, {
        manager,
        returns: [
          {
            key: 'report',
            artifactType: 'file',
            extraData: { acc: '...', data: '...', raw: link('acc') },
          },
        ],
      });
      expect(record.status).toBe('completed');
      expect(record.warnings).toBeUndefined();
      const data = record.artifacts.find((a) => a.key === 'data');
      const report = record.artifacts.find((a) => a.key === 'report');
      const item = await repository.open(report!.uri);
      expect(item.meta?.extraData).toEqual({ acc: 0.9, data: data!.uri, raw: 0.9 });
      expect(await storedText(store)).not.toContain('"..."');
    });
  });

  describe('when an artifact logged by hand links to what the run recorded before it', () => {
    it('should resolve those and itself, and drop a link to a later output with a warning', async () => {
      const { manager, repository, store } = setup();
      const job = handler(async (_args: object, ctx: RunContext) => {
        await ctx.logResult('acc', 0.9);
        await ctx.logArtifact(new Artifact({ key: 'data', body: body('rows') }));
        await ctx.logArtifact(
          new Artifact({
            key: 'notes',
            body: body('n'),
            extraData: { acc: '...', data: '...', notes: '...', later: link('report'), keep: 1 },
          }),
        );
        return 'the report';
      });
      const record = await run(job, { manager, returns: ['report : file'] });
      expect(record.status).toBe('completed');
      const uri = (key: string): string => record.artifacts.find((a) => a.key === key)!.uri;
      const notes = await repository.open(uri('notes'));
      expect(notes.meta?.extraData).toEqual({
        acc: 0.9,
        data: uri('data'),
        notes: uri('notes'),
        keep: 1,
      });
      expect(record.warnings).toHaveLength(1);
      expect(record.warnings![0]).toContain('"later" of artifact "notes" links to output "report"');
      expect(record.warnings![0]).toContain('logArtifact() links only to what the run recorded');
      expect(await storedText(store)).not.toContain('"..."');
      expect(await storedText(store)).not.toContain('$link');
    });
  });

  describe('when a returned artifact links to nothing the run recorded', () => {
    it('should drop the entry and say why in the run record', async () => {
      const { manager } = setup();
      const record = await run(
        handler(() => 'text'),
        {
          manager,
          returns: [{ key: 'report', artifactType: 'file', extraData: { ghost: '...' } }],
        },
      );
      expect(record.warnings).toEqual([
        expect.stringContaining('no output, result or artifact with that key was recorded'),
      ]);
    });
  });
});

describe(PackagersManager, () => {
  describe('when pack() is given a hint whose extra data holds links', () => {
    it('should resolve a link to the artifact itself and drop others with a warning', async () => {
      const { manager, store, warnings } = setup();
      const out = await manager.pack('text', {
        key: 'report',
        artifactType: 'file',
        extraData: { report: '...', other: '...', fixed: 'x' },
      });
      if (out.kind !== 'artifact') throw new Error('expected an artifact');
      expect(out.artifact.extraData).toEqual({ report: out.artifact.uri, fixed: 'x' });
      expect(warnings).toEqual([expect.stringContaining('outside a run')]);
      expect(await storedText(store)).not.toContain('"..."');
    });
  });
});
