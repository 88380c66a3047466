import { StoreArtifactRepository } from '../../../../src/repository/store-artifact.repository';
import { PackagersManager } from '../../../../src/manager/packagers-manager';
import type { PackedOutput } from '../../../../src/manager/packed-output';
import { MemoryStore } from '../../../../src/stores/memory.store';
import type { PackableType } from '../../../../src/types';

/** A manager with the builtins and the object fallback over a fresh memory store. */
export function builtinManager(): {
  manager: PackagersManager;
  repository: StoreArtifactRepository;
  warnings: string[];
  roundTrip: (
    value: unknown,
    hint: string,
    type?: PackableType,
  ) => Promise<{ out: PackedOutput; back: unknown }>;
} {
  const repository = new StoreArtifactRepository({ store: new MemoryStore({ name: 'builtins' }) });
  const warnings: string[] = [];
  const manager = new PackagersManager({ repository, warnings: { warn: (m) => warnings.push(m) } });
  const roundTrip = async (value: unknown, hint: string, type?: PackableType) => {
    const out = await manager.pack(value, hint);
    if (out.kind === 'result') return { out, back: out.value };
    const item = await repository.open(out.artifact.uri as string);
    return { out, back: await manager.unpack(item, type) };
  };
  return { manager, repository, warnings, roundTrip };
}
