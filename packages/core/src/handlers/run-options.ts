import type { DataItem } from '../data/data-item';
import type { PackagersManager } from '../manager/packagers-manager';
import type { Store } from '../stores/store';
import type { OutputHint } from '../decorators/handler-options';

/**
 * What an input can be given as: a URI (`store://key`, `store://key@version`, `file:///…`,
 * `s3://…`), a local path, a data item, or a list or dict of these (bundled into the input's
 * collection type; inside a collection, leaves that are not data items or `scheme://` URIs are
 * kept as plain values).
 */
export type InputSource =
  string | DataItem | readonly unknown[] | { readonly [name: string]: unknown };

/** What to do when some outputs cannot be logged (packing or storing them failed). */
export type OutputFailurePolicy = 'error' | 'warn';

/** Options of {@link run}. */
export interface RunOptions {
  /** Values passed to `@Param` parameters (or, for a function, in its argument object) as given. */
  readonly params?: Readonly<Record<string, unknown>>;
  /** Data to unpack into the handler's inputs, by input name. */
  readonly inputs?: Readonly<Record<string, InputSource>>;
  /** Output hints; replace the handler's declared `outputs` when given. */
  readonly returns?: readonly OutputHint[];
  /** Labels of the run record, merged over the handler's declared labels. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Where artifacts and the run record go (default: the manager's store). */
  readonly store?: Store;
  /** The manager to pack and unpack with (default: a new one over `store`). */
  readonly manager?: PackagersManager;
  /** The run name (default: the handler's name). */
  readonly name?: string;
  /**
   * The run id (default: a new time-sortable id). A queue gives it so the caller knows the id
   * before the run starts; a run started again with the same id rewrites the same record.
   */
  readonly id?: string;
  /**
   * `'error'` (default): an output that cannot be logged makes the run's status `error` (the other
   * outputs are still logged). `'warn'`: the status is `warn` instead.
   */
  readonly onOutputFailure?: OutputFailurePolicy;
  /**
   * `true` (default): the run record is written when the run starts (status `running`), so a
   * running or crashed run is visible in the store. `false`: it is written once, when the run
   * ends (one record write and one listing entry instead of two each); for runs whose liveness is
   * tracked elsewhere, as `@stowage/bullmq` workers do with the queue's lock.
   */
  readonly recordAtStart?: boolean;
}
