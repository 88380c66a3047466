import { fork } from 'node:child_process';
import { join } from 'node:path';

/**
 * Runs `script` (a `*.child.js` next to the cases) in a fresh Node process with `args` and returns
 * the one message it sends over IPC; rejects, with the first line of its stderr, when it exits
 * non-zero or sends nothing. Measurements of peak RSS and cold starts need a process of their own.
 */
export function runChild<T>(script: string, args: readonly string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, script), args, {
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    let result: T | undefined;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('message', (message) => (result = message as T));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0 && result !== undefined) resolve(result);
      else
        reject(
          new Error(
            `${script} ${args[0] ?? ''} exited with ${code}: ${stderr.trim().split('\n')[0] ?? ''}`,
          ),
        );
    });
  });
}
