import { MemoryStore, PackagersManager, type DataItem, type PackedOutput } from '@stowage/core';
import { ArrowTablePackager } from '../../src/arrow-table.packager';

/** A manager over a fresh memory store with only the table packager, collecting its warnings. */
export function tablesManager(): { manager: PackagersManager; warnings: string[] } {
  const warnings: string[] = [];
  const manager = new PackagersManager({
    store: new MemoryStore({ name: 'tables-test' }),
    packagers: [ArrowTablePackager],
    fallback: null,
    warnings: { warn: (m) => warnings.push(m) },
  });
  return { manager, warnings };
}

/** Opens the artifact a pack produced. */
export async function openPacked(manager: PackagersManager, out: PackedOutput): Promise<DataItem> {
  if (out.kind !== 'artifact') throw new Error(`expected an artifact, got ${out.kind}`);
  return manager.repository!.open(out.artifact.uri as string);
}
