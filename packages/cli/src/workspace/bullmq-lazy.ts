type BullmqModule = typeof import('@stowage/bullmq');

/**
 * Loads `@stowage/bullmq` on first use (`stowage worker`, `stowage run --queue`): BullMQ and its
 * Redis client are not needed by any other command.
 */
export function bullmq(): BullmqModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@stowage/bullmq') as BullmqModule;
}
