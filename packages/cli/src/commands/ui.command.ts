import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { action } from '../context';
import { UsageError } from '../errors/usage.error';
import type { CliIo } from '../io';
import { stderrWarnings } from '../workspace/cli-manager';
import { openStore, resolveStoreSpec } from '../workspace/store-spec';

interface UiOptions {
  readonly port?: string;
  readonly host?: string;
  readonly open?: boolean;
}

/** Registers `stowage ui`: serves the read-only web UI of the store until interrupted. */
export function registerUiCommand(program: Command, io: CliIo): void {
  program
    .command('ui')
    .description('serve a read-only web UI of the store (runs, artifacts, lineage, previews)')
    .option('-p, --port <port>', 'port to listen on (default: any free port)')
    .option('--host <host>', 'address to bind (default 127.0.0.1; others are warned about)')
    .option('--open', 'open the UI in the default browser')
    .action(
      action<[], UiOptions>(io, async (ctx, opts) => {
        const port = parsePort(opts.port);
        const store = openStore(resolveStoreSpec(ctx.globals.store, io.env, io.cwd), io.env, true);
        const warnings = stderrWarnings(io);
        // Loaded here, not at start-up: no other command pays for it.
        const { startUiServer } = await import('@stowage/ui');
        const ui = await startUiServer({
          store,
          port,
          ...(opts.host !== undefined ? { host: opts.host } : {}),
          warn: (m) => warnings.warn(m),
        }).catch((error: unknown) => {
          throw new UsageError(`The UI cannot listen on ${opts.host ?? '127.0.0.1'}:${port}.`, {
            fix: 'Pick another --port (or leave it out for any free port), or another --host.',
            cause: error,
          });
        });
        io.stdout.write(`Stowage UI for ${store.url}\n  ${ui.url}\n(read-only; Ctrl+C to stop)\n`);
        if (opts.open === true) openBrowser(ui.url);
        await new Promise<void>((resolve) => {
          const stop = (): void => {
            process.off('SIGINT', stop).off('SIGTERM', stop);
            resolve();
          };
          process.on('SIGINT', stop).on('SIGTERM', stop);
        });
        await ui.close();
        await store.close?.();
      }),
    );
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0 || n > 65535)
    throw new UsageError(`--port "${text}" is not a port number.`, {
      fix: 'Write --port 8080 (0 to 65535; 0 or none picks a free port).',
    });
  return n;
}

/** Starts the platform's opener on `url`; a failure to open is not an error (the URL is printed). */
function openBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  const child = spawn(cmd, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => undefined);
  child.unref();
}
