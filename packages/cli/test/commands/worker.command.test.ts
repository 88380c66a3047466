import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { RunRecord } from '@stowage/core';
import { Queue } from 'bullmq';
import { parseRedisUrl } from '@stowage/bullmq';
import { assertBuilt, CLI_MAIN, fixture, stowage, tempDir } from '../helpers/cli-process';
import {
  describeRedis,
  REDIS_URL,
  uniqueQueue,
} from '../../../bullmq/test/helpers/redis-test-server';

/** A queued run as `stowage runs --queue --json` prints it. */
interface QueuedJson {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly state: string;
}

describeRedis('stowage worker, run --queue and runs --queue', () => {
  const dir = tempDir();
  const jobs = fixture('jobs.js');
  let env: Record<string, string>;
  const queues: string[] = [];
  const started: ChildProcess[] = [];

  beforeAll(() => {
    assertBuilt();
    env = { STOWAGE_STORE: join(dir.path, 'store'), REDIS_URL };
  });

  afterAll(async () => {
    await Promise.all(started.map(stopWorker));
    for (const name of queues) {
      const raw = new Queue(name, { connection: parseRedisUrl(REDIS_URL).options });
      await raw.obliterate({ force: true });
      await raw.close();
    }
    dir.remove();
  });

  const newQueue = (): string => {
    const name = uniqueQueue();
    queues.push(name);
    return name;
  };

  /** Starts `stowage worker` and resolves with its id once it takes runs. */
  const startWorker = (queue: string): Promise<string> => {
    const child = spawn(process.execPath, [CLI_MAIN, 'worker', '--queue', queue], {
      cwd: dir.path,
      env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    started.push(child);
    return new Promise((done, fail) => {
      let err = '';
      child.stderr?.on('data', (d: Buffer) => {
        err += d.toString();
        const id = /^stowage worker (\S+): taking runs/m.exec(err)?.[1];
        if (id !== undefined) done(id);
      });
      child.once('exit', (code) => fail(new Error(`worker exited ${String(code)}: ${err}`)));
    });
  };

  describe('when a worker runs and a run is enqueued with --wait', () => {
    it('should print the record of the run the worker made', async () => {
      // The store must exist before a worker may use it: the first queued call creates it.
      const queue = newQueue();
      const first = await stowage(['run', '--queue', queue, `${jobs}#double`, '-p', 'x=1'], {
        cwd: dir.path,
        env,
      });
      expect(first.code).toBe(0);
      const workerId = await startWorker(queue);
      const { code, stdout, stderr } = await stowage(
        ['run', '--queue', queue, '--wait', `${jobs}#double`, '-p', 'x=21', '--json'],
        { cwd: dir.path, env },
      );
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const record = JSON.parse(stdout) as RunRecord;
      expect(record.status).toBe('completed');
      expect(record.labels).toMatchObject({ 'queue.name': queue, 'queue.worker': workerId });

      // A table lists the run with its worker.
      const table = await stowage(['runs', '--queue', queue], { cwd: dir.path, env });
      expect(table.code).toBe(0);
      const lines = table.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/\bWORKER$/);
      expect(lines.find((l) => l.startsWith(record.id))).toContain(workerId);
    });
  });

  describe('when runs are enqueued and no worker takes them', () => {
    it('should list them as queued, before the run records', async () => {
      const queue = newQueue();
      const ids: string[] = [];
      for (const x of ['1', '2']) {
        const { code, stdout } = await stowage(
          ['run', '--queue', queue, `${jobs}#double`, '-p', `x=${x}`, '--json'],
          { cwd: dir.path, env },
        );
        expect(code).toBe(0);
        ids.push((JSON.parse(stdout) as { runId: string }).runId);
      }
      const { code, stdout } = await stowage(['runs', '--queue', queue, '--json'], {
        cwd: dir.path,
        env,
      });
      expect(code).toBe(0);
      const listed = JSON.parse(stdout) as QueuedJson[];
      expect(listed.slice(0, 2).map((r) => [r.id, r.status, r.state])).toEqual([
        [ids[1], 'queued', 'waiting'],
        [ids[0], 'queued', 'waiting'],
      ]);
      const only = await stowage(['runs', '--queue', queue, '--status', 'queued', '--json'], {
        cwd: dir.path,
        env,
      });
      expect((JSON.parse(only.stdout) as QueuedJson[]).map((r) => r.id)).toEqual([ids[1], ids[0]]);
    });
  });

  describe('when the worker is given a malformed Redis URL', () => {
    it('should exit with QUEUE_REDIS_URL_INVALID before taking any job', async () => {
      const { code, stderr } = await stowage(['worker', '--redis', 'http://nope', '--json'], {
        cwd: dir.path,
        env,
      });
      expect(code).not.toBe(0);
      const failure = JSON.parse(stderr.trim().split('\n').pop() ?? '') as { code: string };
      expect(failure.code).toBe('QUEUE_REDIS_URL_INVALID');
    });
  });
});

async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
