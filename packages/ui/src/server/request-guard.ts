import type { IncomingMessage } from 'node:http';

/** Why a request is refused before it reaches a page, or undefined when it may go on. */
export interface Refusal {
  readonly status: number;
  readonly text: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Whether a host name or address is a loopback one (`localhost`, `127.0.0.0/8`, `::1`). */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * The `Host` header values the server answers to: `localhost`, `127.0.0.1` and `[::1]`, and the
 * host it was told to bind, each with the server's port.
 *
 * @remarks
 * Checking the header defeats DNS rebinding: a page on `evil.example` whose name is made to
 * resolve to 127.0.0.1 still sends `Host: evil.example:port`, and is refused.
 */
export function allowedHosts(bindHost: string, port: number): Set<string> {
  const names = new Set(['localhost', '127.0.0.1', '[::1]']);
  const bound = bindHost.includes(':') && !bindHost.startsWith('[') ? `[${bindHost}]` : bindHost;
  if (bound !== '0.0.0.0' && bound !== '[::]') names.add(bound.toLowerCase());
  return new Set([...names].map((n) => `${n}:${port}`));
}

/** Refuses what a read-only UI must not answer: other methods (405) and foreign hosts (421). */
export function refuse(req: IncomingMessage, hosts: ReadonlySet<string>): Refusal | undefined {
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return {
      status: 405,
      text: `${req.method ?? 'This method'} is not allowed: the Stowage UI is read-only (GET and HEAD only).`,
      headers: { Allow: 'GET, HEAD' },
    };
  const host = (req.headers.host ?? '').toLowerCase();
  if (!hosts.has(host))
    return {
      status: 421,
      text: `The Host header "${host}" is not one this server answers to. Open it as ${[...hosts][0] ?? 'localhost'} (or start it with --host set to the name you use).`,
    };
  return undefined;
}
