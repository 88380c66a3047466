/**
 * The handler the queue cases enqueue by reference (`queue-handlers.child.js#smallRun`): one small
 * result and one 1 KB artifact, the work of a typical small pipeline step.
 */
import { handler } from '@stowage/core';

/** The artifact's bytes (1 KB): the same bytes the bare baseline puts with the AWS SDK. */
export const PAYLOAD = Buffer.alloc(1024, 0x61);

/** Logs `PAYLOAD` as the file artifact `blob` and `i` as the result `n`. */
export const smallRun = handler(({ i }: { i: number }): [Buffer, number] => [PAYLOAD, i], {
  params: ['i'],
  outputs: ['blob : file', 'n'],
});
