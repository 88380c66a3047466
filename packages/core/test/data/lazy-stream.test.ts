import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { lazyStream } from '../../src/data/lazy-stream';

const FIXTURES = join(__dirname, '..', 'fixtures');

/** Runs the late-consumer child and returns its exit code and output. */
function runLateReader(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', join(FIXTURES, 'register-ts.js'), join(FIXTURES, 'late-stream-reader.js')],
      { timeout: 90_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

function late(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 50));
}

describe(lazyStream, () => {
  describe('when the source fails before anyone reads', () => {
    it('should keep the error and deliver it on the first read', async () => {
      const source = new PassThrough();
      const stream = lazyStream(source);
      source.destroy(new Error('early'));
      await late();
      await expect(stream.toArray()).rejects.toThrow('early');
    });
  });

  describe('when the consumer stops early', () => {
    it('should destroy the source', async () => {
      const source = Readable.from([Buffer.from('a'), Buffer.from('b')], { objectMode: false });
      const stream = lazyStream(source);
      stream.destroy();
      await late();
      expect(source.destroyed).toBe(true);
    });
  });

  describe('when a data item stream over damaged bytes is consumed late (child process)', () => {
    it('should deliver every error to the consumer and never crash the process', async () => {
      const { code, output } = await runLateReader();
      expect(output).not.toContain('UNCAUGHT');
      expect(code).toBe(0);
      const results = Object.fromEntries(
        [...output.matchAll(/^RESULT (\S+) (\S+)$/gm)].map((m) => [m[1], m[2]]),
      );
      const expected: Record<string, string> = {};
      for (const store of ['memory', 'local']) {
        for (const damage of ['flip', 'extra', 'empty']) {
          for (const file of ['primary', 'file'])
            expected[`${store}-${damage}-${file}`] = 'IntegrityError:INTEGRITY_MISMATCH';
        }
        for (const file of ['primary', 'file'])
          expected[`${store}-missing-${file}`] = 'NotFoundError:NOT_FOUND';
        expected[`${store}-folder-stream`] = 'IntegrityError:INTEGRITY_MISMATCH';
        expected[`${store}-folder-unpack`] = 'IntegrityError:INTEGRITY_MISMATCH';
        expected[`${store}-raw-missing`] = 'NotFoundError:NOT_FOUND';
      }
      expect(results).toEqual(expected);
      expect(output).toContain('DONE');
    }, 120_000);
  });
});
