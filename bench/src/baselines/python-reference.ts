import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The Python side of `python_reference`: one timed operation per process, printed as JSON.
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

def main():
    mode = sys.argv[1]
    if mode == 'probe':
        import numpy
        print(json.dumps({'python': sys.version.split()[0], 'numpy': numpy.__version__}))
        return
    if mode == 'npy':
        import numpy as np
        n = int(sys.argv[2]) // 8
        path = sys.argv[3]
        a = np.arange(n, dtype='<f8') * 0.5
        t0 = time.perf_counter()
        with open(path, 'wb') as f:
            np.save(f, a)
            f.flush()
            os.fsync(f.fileno())
        ms = (time.perf_counter() - t0) * 1e3
        os.remove(path)
    elif mode == 'pickle':
        count = int(sys.argv[2])
        epoch = datetime(2026, 1, 1, tzinfo=timezone.utc)
        records = [BenchRecord(i, 'record-%d' % i, i * 0.37, i % 2 == 0, epoch + timedelta(seconds=i),
                               ['alpha', 't%d' % (i % 10)], [[i, i + 1], [i + 2, i + 3]],
                               None if i % 3 == 0 else 'note') for i in range(count)]
        t0 = time.perf_counter()
        back = pickle.loads(pickle.dumps(records, protocol=5))
        ms = (time.perf_counter() - t0) * 1e3
        assert isinstance(back[-1], BenchRecord) and len(back) == count
    else:
        raise SystemExit('unknown mode ' + mode)
    print(json.dumps({'ms': ms}))

main()
`;

/** Runs the Python reference script; `undefined` when python3 with numpy is not available. */
export class PythonReference {
  private constructor(
    private readonly script: string,
    /** `python 3.x.y, numpy a.b.c`. */
    readonly versions: string,
  ) {}

  /** Writes the script into `dir` and checks python3 and numpy; a reason string when missing. */
  static async create(dir: string): Promise<PythonReference | string> {
    const script = join(dir, 'python_reference.py');
    await writeFile(script, SCRIPT);
    try {
      const { stdout } = await run('python3', [script, 'probe']);
      const probe = JSON.parse(stdout) as { python: string; numpy: string };
      return new PythonReference(script, `python ${probe.python}, numpy ${probe.numpy}`);
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      return `python3 with numpy is not available (${message})`;
    }
  }

  /** Milliseconds for np.save + fsync of `bytes` of float64 to `path`. */
  async npySave(bytes: number, path: string): Promise<number> {
    return this.timed(['npy', String(bytes), path]);
  }

  /** Milliseconds for pickle.dumps + pickle.loads of `count` records. */
  async pickleRoundTrip(count: number): Promise<number> {
    return this.timed(['pickle', String(count)]);
  }

  private async timed(args: string[]): Promise<number> {
    const { stdout } = await run('python3', [this.script, ...args], { maxBuffer: 1 << 20 });
    return (JSON.parse(stdout) as { ms: number }).ms;
  }
}
