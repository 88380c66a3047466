import 'reflect-metadata';
import { Artifact } from '../../src/artifacts/artifact';
import type { StagedArtifact } from '../../src/repository/artifact-repository';
import { Pack } from '../../src/decorators/pack.decorator';
import { Packager } from '../../src/decorators/packager.decorator';
import { NotFoundError } from '../../src/errors/not-found.error';
import { OutputBatch } from '../../src/manager/output-batch';
import type { ArtifactOutput } from '../../src/packagers/pack-context';
import { testManager } from '../helpers/manager-fixtures';

class Report {
  constructor(readonly text: string) {}
}

@Packager({ type: Report })
class ReportPackager {
  @Pack('file') packFile(r: Report, key: string): ArtifactOutput {
    return { artifact: new Artifact({ key, body: Buffer.from(r.text), fileName: 'report.txt' }) };
  }
}

describe(OutputBatch, () => {
  describe('when outputs are staged', () => {
    it('should keep artifacts invisible until committed, and pass results through', async () => {
      const { manager, repository } = testManager([ReportPackager]);
      const seen: unknown[] = [];
      const watching = Object.assign(Object.create(repository) as typeof repository, {
        commit: async (staged: StagedArtifact): Promise<Artifact> => {
          seen.push(await repository.read('report').catch((e: unknown) => e));
          return repository.commit(staged);
        },
      });
      const report = await manager
        .outputs({ repository: watching })
        .add(new Report('hello'), { key: 'report', extraData: { count: '...' } })
        .add(3, 'count : result')
        .commit();
      expect(seen).toHaveLength(1);
      expect(seen[0]).toBeInstanceOf(NotFoundError);
      expect(report.results).toEqual({ count: 3 });
      expect(report.artifacts.map((a) => a.key)).toEqual(['report']);
      const read = await repository.read('report');
      expect(read.extraData).toEqual({ count: 3 });
      expect(read.packaging?.packager).toBe('ReportPackager');
    });

    it('should delete staged bytes when the commit fails', async () => {
      const { manager, repository, store } = testManager([ReportPackager]);
      const failing = Object.assign(Object.create(repository) as typeof repository, {
        commit: (): Promise<Artifact> => Promise.reject(new Error('disk full')),
      });
      const before: string[] = [];
      const report = await manager
        .outputs({
          repository: Object.assign(Object.create(failing) as typeof failing, {
            commit: async (staged: StagedArtifact): Promise<Artifact> => {
              for await (const o of store.list('')) before.push(o.path);
              return failing.commit(staged);
            },
          }),
        })
        .add(new Report('bye'), 'report')
        .commit();
      expect(before.length).toBeGreaterThan(0);
      expect(report.failures.map((f) => f.key)).toEqual(['report']);
      const after: string[] = [];
      for await (const o of store.list('')) after.push(o.path);
      // Only the store's format marker, written with the first write.
      expect(after).toEqual(['stowage-store.json']);
    });
  });
});
