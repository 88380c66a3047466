import type { EventEmitter } from 'node:events';
import type { Queue, QueueEvents } from 'bullmq';

/** First wait between two looks at a job's state (ms); doubled after each, up to the next. */
export const FIRST_POLL_MS = 250;
/** Longest wait between two looks at a job's state (ms). */
export const MAX_POLL_MS = 5_000;

/** How a job ended, as {@link waitForJobEnd} saw it. */
export type JobEnd =
  | { readonly kind: 'completed'; readonly value: unknown }
  | { readonly kind: 'failed'; readonly reason: string }
  /** Redis no longer holds the job (removed after it ended): ask the store. */
  | { readonly kind: 'gone' }
  | { readonly kind: 'timeout'; readonly ms: number };

/**
 * Waits for a job to end: its `completed`/`failed` notification from `events`, or its state read
 * from Redis, whichever comes first. Never rejects.
 *
 * @remarks
 * BullMQ's own `job.waitUntilFinished` relies on the notification alone, after one look at the
 * state. The notifications travel through a Redis stream that BullMQ trims (about 10,000 events
 * by default); a listener that falls behind it, or whose connection drops at the wrong time,
 * misses them, and the wait then lasts until its timeout although the job completed long ago
 * (seen here: 1,000 runs awaited at once, one of them waited 600 s). So the state is also looked
 * at: at once (once the listener is live, so nothing falls between the two), then after
 * {@link FIRST_POLL_MS}, doubling up to {@link MAX_POLL_MS}: a few cheap Redis reads per wait.
 * Every listener and timer is removed when the wait ends.
 */
export function waitForJobEnd(
  queue: Queue,
  events: QueueEvents,
  jobId: string,
  timeoutMs?: number,
): Promise<JobEnd> {
  return new Promise<JobEnd>((resolve) => {
    let ended = false;
    let poll: NodeJS.Timeout | undefined;
    let deadline: NodeJS.Timeout | undefined;
    // Per-job events (`completed:<id>`) are emitted by QueueEvents but not in its event types.
    const emitter = events as unknown as EventEmitter;
    const completedEvent = `completed:${jobId}`;
    const failedEvent = `failed:${jobId}`;
    const end = (outcome: JobEnd): void => {
      if (ended) return;
      ended = true;
      emitter.off(completedEvent, onCompleted);
      emitter.off(failedEvent, onFailed);
      if (poll !== undefined) clearTimeout(poll);
      if (deadline !== undefined) clearTimeout(deadline);
      resolve(outcome);
    };
    const onCompleted = (args: { returnvalue?: unknown }): void =>
      end({ kind: 'completed', value: args.returnvalue });
    const onFailed = (args: { failedReason?: string }): void =>
      end({ kind: 'failed', reason: args.failedReason ?? 'the job failed' });
    emitter.on(completedEvent, onCompleted);
    emitter.on(failedEvent, onFailed);
    if (timeoutMs !== undefined && timeoutMs > 0)
      deadline = setTimeout(() => end({ kind: 'timeout', ms: timeoutMs }), timeoutMs);
    let delay = FIRST_POLL_MS;
    const look = async (): Promise<void> => {
      try {
        const found = await stateOf(queue, jobId);
        if (found !== undefined) end(found);
      } catch {
        // Redis did not answer this time (a restart): look again later.
      }
      if (ended) return;
      poll = setTimeout(() => void look(), delay);
      delay = Math.min(delay * 2, MAX_POLL_MS);
    };
    // The first look once the listener is live: a job that ends after it is notified.
    events.waitUntilReady().then(look, look);
  });
}

/** The end of a job read from Redis; `undefined` while it has not ended. */
async function stateOf(queue: Queue, jobId: string): Promise<JobEnd | undefined> {
  const state = await queue.getJobState(jobId);
  if (state === 'unknown') return { kind: 'gone' };
  if (state !== 'completed' && state !== 'failed') return undefined;
  const job = await queue.getJob(jobId);
  if (job === undefined) return { kind: 'gone' };
  return state === 'completed'
    ? { kind: 'completed', value: job.returnvalue }
    : { kind: 'failed', reason: job.failedReason || 'the job failed' };
}
