import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PackagersManager } from '../../../src/manager/packagers-manager';
import { FOREIGN_CASES } from './matrix-foreign-files';
import {
  runForeignCase,
  runPackedResultCase,
  runValueCase,
  type CaseResult,
  type MatrixStore,
  type Outcome,
} from './matrix-runner';
import { VALUE_CASES } from './matrix-values';

/**
 * With STOWAGE_MATRIX_TRACE=<file>, each case is appended to that file as it starts (to find a
 * hang); with STOWAGE_MATRIX_REPORT=<file>, every classified case is written there as JSON lines.
 */
function trace(line: string): void {
  const file = process.env['STOWAGE_MATRIX_TRACE'];
  if (file !== undefined && file !== '')
    appendFileSync(file, `${new Date().toISOString()} ${line}\n`);
}

const OUTCOMES: readonly Outcome[] = [
  'equal',
  'normalised',
  'typed error',
  'different',
  'unexpected error',
];
const FAILING: ReadonlySet<Outcome> = new Set(['different', 'unexpected error']);

/** Counts by outcome, in the order the report prints them. */
export function countOutcomes(results: readonly CaseResult[]): Record<Outcome, number> {
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  for (const r of results) counts[r.outcome] += 1;
  return counts;
}

function report(title: string, results: readonly CaseResult[]): string {
  const counts = countOutcomes(results);
  const lines = [
    `${title}: ${results.length} round trips — ${OUTCOMES.map((o) => `${o} ${counts[o]}`).join(', ')}`,
    ...results
      .filter((r) => FAILING.has(r.outcome))
      .map(
        (r) =>
          `  ${r.outcome.toUpperCase()} ${r.store}:${r.id} (expected ${r.expected}): ${r.detail ?? ''}`,
      ),
  ];
  return lines.join('\n');
}

/**
 * The round-trip matrix over the stores `makeStores` gives (each a fresh, empty store under the
 * folder it is passed): every value case × its log hints × its hints, and every foreign file.
 * One value that comes back different, or one error that is not the expected typed error, fails.
 */
export function describeRoundTripMatrix(
  title: string,
  makeStores: (dir: string) => Promise<MatrixStore[]>,
): void {
  describe(title, () => {
    let dir = '';
    const results: CaseResult[] = [];
    const stores: MatrixStore[] = [];

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'stowage-matrix-'));
      const fixtures = { dir: join(dir, 'values') };
      stores.push(...(await makeStores(join(dir, 'stores'))));
      for (const target of stores) {
        const manager = new PackagersManager({
          store: target.store,
          warnings: { warn: () => undefined },
        });
        try {
          for (const value of VALUE_CASES)
            for (const logAs of value.logAs) {
              trace(`${target.name} ${value.id} ${logAs}`);
              results.push(
                ...(await runValueCase(target, manager, value, logAs, {
                  dir: join(
                    fixtures.dir,
                    target.name,
                    value.id,
                    String(value.logAs.indexOf(logAs)),
                  ),
                })),
              );
            }
          for (const foreign of FOREIGN_CASES)
            results.push(...(await runForeignCase(target, manager, foreign)));
          // manager.pack's result value does not touch the store: once per suite, on its first store.
          if (target === stores[0])
            for (const value of VALUE_CASES.filter((v) => v.logAs.includes(': result')))
              results.push(
                await runPackedResultCase(manager, value, {
                  dir: join(fixtures.dir, 'pack', value.id),
                }),
              );
        } finally {
          await manager.cleanup();
        }
      }
      console.log(report(title, results));
      const all = process.env['STOWAGE_MATRIX_REPORT'];
      if (all !== undefined && all !== '')
        writeFileSync(all, results.map((r) => JSON.stringify(r)).join('\n') + '\n');
    }, 180_000);

    afterAll(async () => {
      for (const target of stores) await target.dispose?.();
      if (dir !== '') rmSync(dir, { recursive: true, force: true });
    });

    describe('when every combination has been logged and read back', () => {
      it('should have run every builtin type, artifact type, hint and foreign file', () => {
        const ids = new Set(results.map((r) => r.id));
        for (const value of VALUE_CASES)
          expect([...ids].some((id) => id.startsWith(`${value.id}/`))).toBe(true);
        for (const foreign of FOREIGN_CASES)
          expect(ids.has(`foreign/${foreign.file}/own`)).toBe(true);
        expect(new Set(results.map((r) => `${r.store}:${r.id}`)).size).toBe(results.length);
      });

      it('should give back every value equal, as a named normalisation or as a typed error', () => {
        const failing = results.filter((r) => FAILING.has(r.outcome));
        expect(
          failing.map(
            (r) => `${r.store}:${r.id}: ${r.outcome}, expected ${r.expected}: ${r.detail ?? ''}`,
          ),
        ).toEqual([]);
      });
    });
  });
}
