import {
  MemoryStore,
  PackagersManager,
  StoreArtifactRepository,
  TempScope,
  type DataItem,
  type PackedOutput,
} from '@stowage/core';
import { ArrowTablePackager } from '../../src/arrow-table.packager';

/** A manager with only the table packager over a fresh memory store, and its repository. */
export interface TablesManager {
  readonly manager: PackagersManager;
  readonly repository: StoreArtifactRepository;
  /** Holds the local copies `item.local()` makes: `dispose()` it when done with them. */
  readonly temp: TempScope;
  readonly warnings: string[];
}

/** A manager over a fresh memory store with only the table packager, collecting its warnings. */
export function tablesManager(): TablesManager {
  const warnings: string[] = [];
  const temp = new TempScope();
  const repository = new StoreArtifactRepository({
    store: new MemoryStore({ name: 'tables-test' }),
    temp,
  });
  const manager = new PackagersManager({
    repository,
    packagers: [ArrowTablePackager],
    fallback: null,
    warnings: { warn: (m) => warnings.push(m) },
  });
  return { manager, repository, temp, warnings };
}

/** Opens the artifact a pack produced. */
export async function openPacked(manager: PackagersManager, out: PackedOutput): Promise<DataItem> {
  if (out.kind !== 'artifact') throw new Error(`expected an artifact, got ${out.kind}`);
  return manager.repository!.open(out.artifact.uri as string);
}
