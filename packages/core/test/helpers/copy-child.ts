import { spawn } from 'node:child_process';
import { join } from 'node:path';

const FIXTURES = join(__dirname, '..', 'fixtures');

/** Where the child copies from or to: a local root, or S3 store options. */
export type CopyChildStore = { readonly local: string } | { readonly s3: object };

/** How a copy child process ended. */
export interface CopyChildExit {
  readonly signal: NodeJS.Signals | null;
  readonly code: number | null;
  readonly output: string;
  /** The `key@version` it reported copied (or present) before it ended. */
  readonly copied: string[];
}

/**
 * Runs `copyArtifacts(from, to, what)` in a child process (`fixtures/copy-kill-child.js`), one
 * version at a time. With `hangAt`, the child's n-th source stream hangs and the child is
 * SIGKILLed as soon as it says so: killed in the middle of copying a version.
 */
export function runCopyChild(options: {
  readonly from: CopyChildStore;
  readonly to: CopyChildStore;
  readonly what: readonly string[];
  readonly hangAt?: number;
  /** A folder for transpiled sources shared by the children (see register-ts.js). */
  readonly cache: string;
}): Promise<CopyChildExit> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', join(FIXTURES, 'register-ts.js'), join(FIXTURES, 'copy-kill-child.js')],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          STOWAGE_TS_CACHE: options.cache,
          COPY_FROM: JSON.stringify(options.from),
          COPY_TO: JSON.stringify(options.to),
          COPY_WHAT: JSON.stringify(options.what),
          COPY_HANG_AT: String(options.hangAt ?? 0),
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          NODE_NO_WARNINGS: '1',
        },
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (options.hangAt !== undefined && output.includes('STUCK')) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      resolve({
        code,
        signal,
        output,
        copied: [...output.matchAll(/^COPIED (\S+) /gm)].map((m) => m[1] as string),
      }),
    );
  });
}
