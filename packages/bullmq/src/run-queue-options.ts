/** The BullMQ queue runs go to when no name is given. */
export const DEFAULT_QUEUE_NAME = 'stowage';

/** How many times a queued run is tried when the caller does not say (the first try included). */
export const DEFAULT_ATTEMPTS = 3;

/** The first retry's delay (ms); each next one doubles it. */
export const DEFAULT_BACKOFF_MS = 1_000;
