import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The Python side of `python_reference`: one long-lived `python3` process answering one timed
 * operation per request (a tab-separated stdin line; a JSON stdout line back), so interpreter and
 * numpy start-up are paid once, not per repetition.
 *
 * `npy <bytes> <path>`: np.save of a float64 vector to an open file, flush + fsync (the vector
 * is built before the clock starts). `pickle <count>`: pickle.dumps + pickle.loads (protocol 5)
 * of `count` instances of a class with the same 8 fields as the TypeScript `BenchRecord`.
 */
const SCRIPT = String.raw`
import json, os, pickle, sys, time
from datetime import datetime, timedelta, timezone

class BenchRecord:
    def __init__(self, id, name, score, active, created_at, tags, matrix, note):
        self.id = id; self.name = name; self.score = score; self.active = active
        self.created_at = created_at; self.tags = tags; self.matrix = matrix; self.note = note

def run(args):
    mode = args[0]
    if mode == 'probe':
        import numpy
        return {'python': sys.version.split()[0], 'numpy': numpy.__version__}
    if mode == 'npy':
        import numpy as np
        n = int(args[1]) // 8
        path = args[2]
        a = np.arange(n, dtype='<f8') * 0.5
        t0 = time.perf_counter()
        with open(path, 'wb') as f:
            np.save(f, a)
            f.flush()
            os.fsync(f.fileno())
        ms = (time.perf_counter() - t0) * 1e3
        os.remove(path)
    elif mode == 'pickle':
        count = int(args[1])
        epoch = datetime(2026, 1, 1, tzinfo=timezone.utc)
        records = [BenchRecord(i, 'record-%d' % i, i * 0.37, i % 2 == 0, epoch + timedelta(seconds=i),
                               ['alpha', 't%d' % (i % 10)], [[i, i + 1], [i + 2, i + 3]],
                               None if i % 3 == 0 else 'note') for i in range(count)]
        t0 = time.perf_counter()
        back = pickle.loads(pickle.dumps(records, protocol=5))
        ms = (time.perf_counter() - t0) * 1e3
        assert isinstance(back[-1], BenchRecord) and len(back) == count
    else:
        raise ValueError('unknown mode ' + mode)
    return {'ms': ms}

# One request per stdin line (arguments separated by tabs), one JSON reply per stdout line.
for line in sys.stdin:
    try:
        reply = run(line.rstrip('\n').split('\t'))
    except Exception as error:
        reply = {'error': repr(error)}
    sys.stdout.write(json.dumps(reply) + '\n')
    sys.stdout.flush()
`;

/** A running Python reference process; `close()` ends it. */
export class PythonReference {
  private pending: Array<(line: string) => void> = [];
  private buffered = '';

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    /** `python 3.x.y, numpy a.b.c`, filled in by {@link PythonReference.create}. */
    public versions = '',
  ) {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      this.buffered += text;
      let newline = this.buffered.indexOf('\n');
      while (newline >= 0) {
        const line = this.buffered.slice(0, newline);
        this.buffered = this.buffered.slice(newline + 1);
        this.pending.shift()?.(line);
        newline = this.buffered.indexOf('\n');
      }
    });
  }

  /** Starts python3 with the script (written into `dir`); a reason string when numpy is missing. */
  static async create(dir: string): Promise<PythonReference | string> {
    const script = join(dir, 'python_reference.py');
    await writeFile(script, SCRIPT);
    const child = spawn('python3', [script], { stdio: ['pipe', 'pipe', 'pipe'] });
    const started = await new Promise<string | undefined>((resolve) => {
      child.once('error', (error) => resolve(error.message));
      child.once('spawn', () => resolve(undefined));
    });
    if (started !== undefined) return `python3 is not available (${started})`;
    const python = new PythonReference(child);
    try {
      const probe = (await python.request(['probe'])) as { python: string; numpy: string };
      python.versions = `python ${probe.python}, numpy ${probe.numpy}`;
      return python;
    } catch (error) {
      python.close();
      return `python3 with numpy is not available (${error instanceof Error ? error.message : String(error)})`;
    }
  }

  /** Milliseconds for np.save + fsync of `bytes` of float64 to `path`. */
  async npySave(bytes: number, path: string): Promise<number> {
    return ((await this.request(['npy', String(bytes), path])) as { ms: number }).ms;
  }

  /** Milliseconds for pickle.dumps + pickle.loads of `count` records. */
  async pickleRoundTrip(count: number): Promise<number> {
    return ((await this.request(['pickle', String(count)])) as { ms: number }).ms;
  }

  /** Ends the Python process. */
  close(): void {
    this.child.stdin.end();
    this.child.kill();
  }

  private request(args: readonly string[]): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const onExit = (): void => reject(new Error('python3 exited'));
      this.child.once('exit', onExit);
      this.pending.push((line) => {
        this.child.off('exit', onExit);
        const reply = JSON.parse(line) as { error?: string };
        if (reply.error !== undefined) reject(new Error(reply.error));
        else resolve(reply);
      });
      this.child.stdin.write(`${args.join('\t')}\n`);
    });
  }
}
