// A service of the application that receives the manager from the container.
import 'reflect-metadata';
import { Container, Service } from 'typedi';
import {
  Artifact,
  MemoryStore,
  Pack,
  Packager,
  PackagersManager,
  TypediContainer,
} from '@stowage/core';
import type { PackOutput } from '@stowage/core';

export class Report {
  constructor(readonly text: string) {}
}

@Packager({ type: Report, name: 'reports.ReportPackager' })
export class ReportPackager {
  @Pack('file')
  packFile(report: Report, key: string): PackOutput {
    return {
      artifact: new Artifact({ key, body: Buffer.from(report.text), fileName: 'report.md' }),
    };
  }
}

// #region service
@Service()
class ReportService {
  constructor(private readonly packagers: PackagersManager) {}

  async publish(report: Report): Promise<void> {
    await this.packagers.pack(report, 'weekly-report : file');
  }
}
// #endregion

/** Builds a manager in a fresh container and lets the container build the service that uses it. */
export async function main(): Promise<string> {
  const container = Container.of('reports');
  const report = new Report('# Week 48');
  // #region provide
  const manager = new PackagersManager({
    store: new MemoryStore(),
    packagers: [ReportPackager],
    container: new TypediContainer(container),
  });
  await container.get(ReportService).publish(report); // receives `manager`
  // #endregion
  return (await manager.repository!.open('store://weekly-report')).getText();
}
