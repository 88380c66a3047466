import { StoreArtifactRepository } from '../../src/repository/store-artifact.repository';
import { PackagersManager } from '../../src/manager/packagers-manager';
import type { PackagersManagerOptions } from '../../src/manager/manager-options';
import { MemoryStore } from '../../src/stores/memory.store';
import type { ConcreteConstructor } from '../../src/types';

/** A manager over a fresh memory store that collects its warnings. */
export interface TestManager {
  readonly manager: PackagersManager;
  readonly repository: StoreArtifactRepository;
  readonly store: MemoryStore;
  readonly warnings: string[];
}

/** Builds a manager with exactly `packagers` (no builtins, no fallback unless given). */
export function testManager(
  packagers: readonly ConcreteConstructor[],
  options: Partial<PackagersManagerOptions> = {},
): TestManager {
  const store = new MemoryStore({ name: 'test' });
  const repository = new StoreArtifactRepository({ store });
  const warnings: string[] = [];
  const manager = new PackagersManager({
    packagers,
    fallback: null,
    repository,
    warnings: { warn: (m) => warnings.push(m) },
    ...options,
  });
  return { manager, repository, store, warnings };
}
