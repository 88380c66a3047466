import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Store } from '@stowage/core';
import { StoreView } from '../data/store-view';
import { isLoopback } from './request-guard';
import { createUiHandler } from './router';

/** Options of {@link startUiServer}. */
export interface UiServerOptions {
  /** The store to show (read only). */
  readonly store: Store;
  /** Address to bind (default `127.0.0.1`); anything but loopback makes a warning. */
  readonly host?: string;
  /** Port (default 0: any free port). */
  readonly port?: number;
  /** How long listings are reused before the store is listed again (default 2000 ms). */
  readonly cacheMs?: number;
  /** Receives warnings (a non-loopback bind); default: ignored. */
  readonly warn?: (message: string) => void;
  /** Receives errors no page could show (a response cut while streaming); default: ignored. */
  readonly onError?: (error: unknown) => void;
}

/** A running UI server. */
export interface UiServer {
  /** The address to open, e.g. `http://127.0.0.1:4173/`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** What the pages read the store through. */
  readonly view: StoreView;
  /** Stops accepting connections and closes the open ones. */
  close(): Promise<void>;
}

/**
 * Serves the read-only UI of a store over HTTP on `node:http`.
 *
 * @remarks
 * Binds `127.0.0.1` unless told otherwise; a non-loopback `host` is served but warned about,
 * since the UI has no login. Only GET and HEAD are answered, and only for a `Host` header naming
 * loopback or the bound host with the right port.
 * @example
 * ```ts
 * const ui = await startUiServer({ store: new LocalStore({ root: '.stowage' }) });
 * console.log(ui.url);
 * ```
 */
export async function startUiServer(options: UiServerOptions): Promise<UiServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host))
    options.warn?.(
      `the UI listens on ${host}, not loopback: anyone who can reach this address can read the store (the UI has no login). Use --host 127.0.0.1 unless you mean it.`,
    );
  const view = new StoreView({
    store: options.store,
    ...(options.cacheMs !== undefined ? { cacheMs: options.cacheMs } : {}),
  });
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  server.on(
    'request',
    createUiHandler({
      view,
      host,
      port,
      ...(options.onError !== undefined ? { onError: options.onError } : {}),
    }),
  );
  const shown = host.includes(':') ? `[${host}]` : host;
  const urlHost = shown === '0.0.0.0' || shown === '[::]' ? '127.0.0.1' : shown;
  return {
    url: `http://${urlHost}:${port}/`,
    host,
    port,
    view,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
