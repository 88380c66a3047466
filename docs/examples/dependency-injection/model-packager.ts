// A packager with a constructor-injected service, built through the application's typedi container.
// #region typedi
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
import { Model } from './model';

@Service()
export class ModelRegistryClient {
  readonly registered: string[] = [];
  async register(name: string, uri: string): Promise<void> {
    this.registered.push(`${name} -> ${uri}`);
  }
}

@Packager({ type: Model, name: 'ml.ModelPackager' })
export class ModelPackager {
  constructor(private readonly registry: ModelRegistryClient) {} // injected

  @Pack('model')
  async packModel(model: Model, key: string): Promise<PackOutput> {
    await this.registry.register(key, `weights of ${model.name}`);
    return { artifact: new Artifact({ key, body: Buffer.from(model.weights) }) };
  }
}

const container = Container.of('jobs');
const manager = new PackagersManager({
  store: new MemoryStore(),
  container: new TypediContainer(container),
});
// #endregion

/** Packs a model; the registry client the container injected records it. */
export async function main(): Promise<string[]> {
  await manager.pack(new Model('churn', [0.5, 0.25]), 'churn-model : model');
  return container.get(ModelRegistryClient).registered;
}
