import { RunRepository, StoreArtifactRepository } from '@stowage/core';
import type { Store } from '@stowage/core';
import type { CommandContext } from '../context';
import { lazyS3Resolver, s3OptionsFromEnv } from './s3-lazy';
import { openStore, resolveStoreSpec } from './store-spec';

/** The store a command works on, with its artifact and run repositories. */
export interface Workspace {
  readonly store: Store;
  readonly artifacts: StoreArtifactRepository;
  readonly runs: RunRepository;
  /** Releases temporary files and clients; call it on success and on failure. */
  close(): Promise<void>;
}

/**
 * Opens the store named by `--store` / `STOWAGE_STORE` (default `./.stowage`) and its repositories.
 *
 * @remarks
 * The artifact repository understands `s3://bucket/object` inputs through `@stowage/s3`'s
 * resolver, whatever the store is.
 * @throws UsageError for a bad store value; NotFoundError when `mustExist` and it is missing.
 */
export function openWorkspace(
  ctx: CommandContext,
  options: { readonly mustExist: boolean },
): Workspace {
  const spec = resolveStoreSpec(ctx.globals.store, ctx.io.env, ctx.io.cwd);
  const store = openStore(spec, ctx.io.env, options.mustExist);
  const s3 = lazyS3Resolver(s3OptionsFromEnv(ctx.io.env));
  const artifacts = new StoreArtifactRepository({ store, resolvers: { s3 } });
  const runs = new RunRepository({ store });
  return {
    store,
    artifacts,
    runs,
    close: async () => {
      await artifacts.dispose();
      await s3.close();
      await store.close?.();
    },
  };
}

/** Opens a workspace, runs `work` with it and always closes it. */
export async function withWorkspace<T>(
  ctx: CommandContext,
  options: { readonly mustExist: boolean },
  work: (workspace: Workspace) => Promise<T>,
): Promise<T> {
  const workspace = openWorkspace(ctx, options);
  try {
    return await work(workspace);
  } finally {
    await workspace.close();
  }
}
