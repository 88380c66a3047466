import { testRunner } from './test-runner';
import {
  Artifact,
  LifecycleError,
  NotFoundError,
  StoreArtifactRepository,
  StoreLifecycle,
  collectGarbage,
  parseRetentionRules,
} from '@stowage/core';
import type { Store } from '@stowage/core';

/** Options of {@link describeStoreLifecycle}. */
export interface DescribeStoreLifecycleOptions<S extends Store> {
  /** Called after each test with the store the factory made. */
  readonly cleanup?: (store: S) => Promise<void> | void;
  /** Per-test timeout in milliseconds (default 30 s; raise it for remote stores). */
  readonly timeout?: number;
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<Error> {
  const { expect } = testRunner();
  let thrown: unknown;
  try {
    await promise;
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(Error);
  expect((thrown as { code?: unknown }).code).toBe(code);
  return thrown as Error;
}

async function paths(store: Store, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for await (const { path } of store.list(prefix)) out.push(path);
  return out.sort();
}

/**
 * Generates the tests of tags, deletion and retention (`StoreLifecycle`) on a store.
 *
 * @remarks
 * Call it at the top level of a test file; `factory` must return a fresh, empty store for every
 * test. Covers tag moves and history, protection of tagged and run-read versions, deletion
 * order, the crash between record and bytes (collected by `collectGarbage`), and retention
 * with writers logging while it runs.
 *
 * @example
 * ```ts
 * describeStoreLifecycle('MemoryStore', () => new MemoryStore());
 * ```
 */
export function describeStoreLifecycle<S extends Store>(
  name: string,
  factory: () => S | Promise<S>,
  options: DescribeStoreLifecycleOptions<S> = {},
): void {
  const { afterEach, beforeEach, describe, expect, it } = testRunner();
  const timeout = options.timeout ?? 30_000;
  describe(`StoreLifecycle on ${name}`, () => {
    let store: S;
    let repo: StoreArtifactRepository;
    let life: StoreLifecycle;
    const log = async (key: string, text: string, tag?: string): Promise<string> =>
      (await repo.log(new Artifact({ key, body: Buffer.from(text) }), tag ? { tag } : {}))
        .version as string;

    beforeEach(async () => {
      store = await factory();
      // Every file an object of its own (none inside its record): the suite exercises the store.
      repo = new StoreArtifactRepository({ store, inlineMaxBytes: 0 });
      life = new StoreLifecycle(store);
    });
    afterEach(async () => {
      await repo.dispose();
      await options.cleanup?.(store);
    });

    describe('when a tag is set, moved and removed', () => {
      it(
        'should resolve it at each step and keep who/when/from/to in its history',
        async () => {
          const v1 = await log('m', 'one');
          const v2 = await log('m', 'two');
          expect(await life.setTag('m', v1, 'prod', { by: 'ana' })).toEqual({
            key: 'm',
            tag: 'prod',
            from: null,
            to: v1,
          });
          expect((await repo.read('m', { tag: 'prod' })).version).toBe(v1);
          expect((await life.setTag('m', v2, 'prod', { by: 'bo' })).from).toBe(v1);
          expect((await repo.read('m', { tag: 'prod' })).version).toBe(v2);
          expect(await life.tags('m')).toEqual([{ tag: 'prod', version: v2 }]);
          expect((await life.removeTag('m', 'prod', { by: 'cy' })).from).toBe(v2);
          await expect(repo.read('m', { tag: 'prod' })).rejects.toMatchObject({
            code: 'NOT_FOUND',
          });
          const history = await life.tagHistory('m', 'prod');
          expect(history.map((h) => [h.by, h.from, h.version])).toEqual([
            ['ana', null, v1],
            ['bo', v1, v2],
            ['cy', v2, null],
          ]);
          expect(history.every((h) => !Number.isNaN(Date.parse(h.at)))).toBe(true);
        },
        timeout,
      );

      it(
        'should refuse a version that does not exist, and the tag latest',
        async () => {
          const v1 = await log('m', 'one');
          const missing = v1.replace(/-[a-z0-9]+$/, '-zzzzzzzzzz');
          const error = await expectCode(life.setTag('m', missing, 'prod'), 'NOT_FOUND');
          expect(NotFoundError.is(error)).toBe(true);
          await expectCode(life.setTag('m', v1, 'latest'), 'KEY_INVALID');
          await expectCode(life.removeTag('m', 'prod'), 'NOT_FOUND');
          expect(await life.tags('m')).toEqual([]);
        },
        timeout,
      );
    });

    describe('when 6 movers move one tag at once, 3 times each', () => {
      it(
        'should end on the version of the newest move, with every move in the history',
        async () => {
          const versions: string[] = [];
          for (let i = 0; i < 6; i++) versions.push(await log('m', `v${i}`));
          await Promise.all(
            versions.map(async (v, i) => {
              for (let n = 0; n < 3; n++) await life.setTag('m', v, 'prod', { by: `w${i}` });
            }),
          );
          const history = await life.tagHistory('m', 'prod');
          expect(history).toHaveLength(18);
          const newest = history[history.length - 1]!;
          expect((await repo.read('m', { tag: 'prod' })).version).toBe(newest.version);
          // The history is one chain: each move starts where the one before it ended.
          history.slice(1).forEach((h, i) => expect(h.from).toBe(history[i]!.version));
        },
        timeout * 2,
      );
    });

    describe('when a version is deleted', () => {
      it(
        'should remove its record and bytes and leave the other versions readable',
        async () => {
          const v1 = await log('d', 'one');
          const v2 = await log('d', 'two');
          const result = await life.deleteVersion('d', v1);
          expect(result.versions).toEqual([v1]);
          expect(await repo.versions('d')).toEqual([v2]);
          expect(await paths(store, `artifacts/d/versions/${v1}/`)).toEqual([]);
          expect(await (await repo.open('store://d')).getText()).toBe('two');
          await expectCode(life.deleteVersion('d', v1), 'NOT_FOUND');
        },
        timeout,
      );

      it(
        'should refuse a tagged version, naming the tag, unless forced',
        async () => {
          const v1 = await log('d', 'one', 'prod');
          await log('d', 'two');
          const error = await expectCode(
            life.deleteVersion('d', v1),
            'LIFECYCLE_VERSION_PROTECTED',
          );
          expect(LifecycleError.is(error)).toBe(true);
          expect(error.message).toContain('tag "prod"');
          expect(error.message).toContain('--force');
          expect(await repo.versions('d')).toHaveLength(2);
          const forced = await life.deleteVersion('d', v1, { force: true, by: 'ops' });
          expect(forced.removedTags).toEqual(['prod']);
          expect(await life.tags('d')).toEqual([]);
          expect((await life.tagHistory('d', 'prod')).pop()).toMatchObject({
            by: 'ops',
            version: null,
          });
        },
        timeout,
      );

      it(
        'should refuse a version a kept run read, naming the run',
        async () => {
          const v1 = await log('d', 'one');
          const run = {
            schemaVersion: 2,
            id: 'run-1',
            name: 'train',
            status: 'completed',
            inputs: { data: [`store://d@${v1}`] },
          };
          await store.put('runs/run-1.json', Buffer.from(JSON.stringify(run)));
          const error = await expectCode(
            life.deleteVersion('d', v1),
            'LIFECYCLE_VERSION_PROTECTED',
          );
          expect(error.message).toContain('run run-1 (input "data")');
          await expectCode(life.deleteKey('d'), 'LIFECYCLE_VERSION_PROTECTED');
          expect(await repo.versions('d')).toEqual([v1]);
        },
        timeout,
      );

      it(
        'should leave only unreferenced bytes, collected by gc, when it stops between record and bytes',
        async () => {
          const v1 = await log('d', 'one');
          const crashing = Object.create(store) as Store;
          crashing.delete = async (path: string) => {
            if (path.includes('/versions/')) throw new Error('simulated crash');
            return store.delete(path);
          };
          await expect(new StoreLifecycle(crashing).deleteVersion('d', v1)).rejects.toThrow(
            'simulated crash',
          );
          expect(await repo.versions('d')).toEqual([]);
          expect(await paths(store, `artifacts/d/versions/${v1}/`)).not.toEqual([]);
          const later = Date.now() + 2 * 60 * 60 * 1000;
          const report = await collectGarbage(store, { dryRun: false, now: later });
          expect(report.items.filter((i) => i.kind === 'staged-version')).toMatchObject([
            { key: 'd', version: v1, outcome: 'removed' },
          ]);
          expect(await paths(store, `artifacts/d/versions/${v1}/`)).toEqual([]);
        },
        timeout,
      );
    });

    describe('when a whole key is deleted', () => {
      it(
        'should remove every record, tag, history and byte of it and nothing of other keys',
        async () => {
          const v1 = await log('k', 'one', 'prod');
          await life.removeTag('k', 'prod');
          await log('k', 'two');
          const other = await log('other', 'x');
          const result = await life.deleteKey('k');
          expect(result.versions).toHaveLength(2);
          expect(result.versions).toContain(v1);
          expect(await paths(store, 'artifacts/k/')).toEqual([]);
          expect(await repo.keys()).toEqual(['other']);
          expect((await repo.read('other')).version).toBe(other);
          await expectCode(life.deleteKey('k'), 'NOT_FOUND');
        },
        timeout,
      );
    });

    describe('when retention runs', () => {
      it(
        'should plan first, then delete only what no rule keeps',
        async () => {
          const vs: string[] = [];
          for (let i = 0; i < 5; i++) vs.push(await log('r', `v${i}`));
          await life.setTag('r', vs[0]!, 'prod');
          const plan = await life.planRetention('last=2,tagged');
          expect(plan.rules).toBe('last=2,tagged');
          expect(plan.decisions.map((d) => d.action)).toEqual([
            'keep',
            'delete',
            'delete',
            'keep',
            'keep',
          ]);
          expect(plan.decisions[0]!.reasons).toEqual(['tag "prod"']);
          expect(await repo.versions('r')).toHaveLength(5);
          const applied = await life.applyRetention(plan);
          expect(applied.totals).toMatchObject({ delete: 2, deleted: 2, failed: 0 });
          expect(await repo.versions('r')).toEqual([vs[0], vs[3], vs[4]]);
        },
        timeout,
      );

      it(
        'should keep versions younger than the limit',
        async () => {
          const v1 = await log('r', 'one');
          const v2 = await log('r', 'two');
          const born = Date.parse(
            v2.replace(
              /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)(\d{3})Z-.*$/,
              '$1-$2-$3T$4:$5:$6.$7Z',
            ),
          );
          const rules = parseRetentionRules('younger=1h');
          const plan = await life.planRetention(rules, { now: born + 30 * 60 * 1000 });
          expect(plan.decisions.map((d) => [d.version, d.action])).toEqual([
            [v1, 'keep'],
            [v2, 'keep'],
          ]);
          const later = await life.planRetention(rules, { now: born + 2 * 60 * 60 * 1000 });
          expect(later.totals.delete).toBe(2);
        },
        timeout,
      );

      it(
        'should lose no version a rule keeps nor any version written while it runs',
        async () => {
          for (let i = 0; i < 8; i++) await log('c', `old${i}`);
          const plan = await life.planRetention('last=3');
          const kept = plan.decisions.filter((d) => d.action === 'keep').map((d) => d.version);
          const written: string[] = [];
          let running = true;
          const writers = [0, 1].map(async (w) => {
            for (let n = 0; running || n < 2; n++) written.push(await log('c', `new${w}-${n}`));
          });
          const applied = await life.applyRetention(plan).finally(() => {
            running = false;
          });
          await Promise.all(writers);
          expect(applied.totals).toMatchObject({ deleted: 5, failed: 0 });
          expect(written.length).toBeGreaterThanOrEqual(4);
          const left = await repo.versions('c');
          expect(left).toEqual([...kept, ...written].sort());
          for (const version of left)
            expect(await (await repo.open(`store://c@${version}`)).getText()).toMatch(/^(old|new)/);
        },
        timeout * 2,
      );
    });
  });
}
