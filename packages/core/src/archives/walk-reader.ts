import { openWalked, readWalked, type WalkEntry } from './directory-walk';

/** Files up to this size are read whole, several at a time. */
const SMALL = 1024 * 1024;
const AHEAD = 64;

/** A listed entry with its content: whole for small files, a stream for large ones. @internal */
export interface LoadedEntry {
  readonly entry: WalkEntry;
  /** The content, as chunks (empty for folders). */
  readonly chunks: AsyncIterable<Buffer> | readonly Buffer[];
}

/**
 * The entries in order with their content, reading up to 16 small files ahead so packing many
 * small files is not one system call round trip after another. @internal
 */
export async function* loadEntries(entries: readonly WalkEntry[]): AsyncGenerator<LoadedEntry> {
  const pending: Promise<Buffer | undefined>[] = [];
  const start = (i: number): void => {
    const entry = entries[i];
    const small = entry !== undefined && entry.kind === 'file' && entry.size <= SMALL;
    const read = small ? readWalked(entry) : Promise.resolve(undefined);
    read.catch(() => undefined);
    pending.push(read);
  };
  for (let i = 0; i < Math.min(AHEAD, entries.length); i++) start(i);
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as WalkEntry;
    const data = await (pending.shift() as Promise<Buffer | undefined>);
    if (i + AHEAD < entries.length) start(i + AHEAD);
    if (entry.kind === 'dir') yield { entry, chunks: [] };
    else if (data !== undefined) yield { entry, chunks: [data] };
    else yield { entry, chunks: await openWalked(entry) };
  }
}
