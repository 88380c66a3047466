import 'reflect-metadata';
import { Artifact } from '../../src/artifacts/artifact';
import { Pack } from '../../src/decorators/pack.decorator';
import { Packager } from '../../src/decorators/packager.decorator';
import { NotFoundError } from '../../src/errors/not-found.error';
import type { StagedOutput } from '../../src/manager/packed-output';
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

describe('PackagersManager.packStaged / commitAll', () => {
  describe('when outputs are staged', () => {
    it('should keep artifacts invisible until committed, and pass results through', async () => {
      const { manager, repository } = testManager([ReportPackager]);
      const staged = [
        await manager.packStaged(new Report('hello'), 'report'),
        await manager.packStaged(3, 'count : result'),
      ];
      expect(staged.map((s) => s.kind)).toEqual(['staged', 'result']);
      await expect(repository.read('report')).rejects.toBeInstanceOf(NotFoundError);
      (staged[0] as StagedOutput).staged.artifact.extraData['count'] = 3;
      const committed = await manager.commitAll(staged);
      expect(committed.map((c) => c.kind)).toEqual(['artifact', 'result']);
      const read = await repository.read('report');
      expect(read.extraData).toEqual({ count: 3 });
      expect(read.packaging?.packager).toBe('ReportPackager');
    });

    it('should delete staged bytes on abortAll', async () => {
      const { manager, store } = testManager([ReportPackager]);
      const staged = await manager.packStaged(new Report('bye'), 'report');
      const before: string[] = [];
      for await (const o of store.list('')) before.push(o.path);
      expect(before.length).toBeGreaterThan(0);
      await manager.abortAll([staged]);
      const after: string[] = [];
      for await (const o of store.list('')) after.push(o.path);
      expect(after).toEqual([]);
    });
  });
});
