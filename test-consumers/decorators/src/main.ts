// Runs the decorator scenario and checks what came back; the first argument names the toolchain
// that built this file (for the report line), the second the decorator mode it must have recorded
// (standard unless given).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BUILTIN_PACKAGERS,
  LocalStore,
  PackagersManager,
  TypediContainer,
  run,
  type RunRecord,
} from '@stowage/core';
import { Container } from 'typedi';
import { Jobs, Point, PointPackager, ReportService, Suite, SuitePackager } from './scenario.js';

const toolchain = process.argv[2] ?? 'unknown';
const expectedMode = process.argv[3] ?? 'standard';

function completed(record: RunRecord): RunRecord {
  assert.equal(record.status, 'completed', JSON.stringify(record.error ?? record.failedOutputs));
  return record;
}

function uriOf(record: RunRecord, key: string): string {
  const uri = record.artifacts.find((a) => a.key === key)?.uri;
  assert.ok(uri, `no artifact ${key} in ${JSON.stringify(record.artifacts)}`);
  return uri;
}

const root = mkdtempSync(join(tmpdir(), `stowage-consumer-decorators-${toolchain}-`));
try {
  const container = Container.of(`decorators-${toolchain}`);
  const manager = new PackagersManager({
    store: new LocalStore({ root }),
    packagers: [...BUILTIN_PACKAGERS, PointPackager, SuitePackager],
    container: new TypediContainer(container),
  });
  // The manager obtained from the container inside a service.
  assert.equal(new ReportService(container).manager, manager);

  // Ranking, declared mode and option validation.
  const explanation = manager.explain(new Point(1, 2), 'p : file[format=csv]');
  assert.deepEqual(explanation.chosen, {
    packager: 'PointPackager',
    artifactType: 'file',
    mode: 'method',
  });
  assert.equal(explanation.candidates[0]?.priority, 2);
  assert.equal(explanation.candidates[0]?.declaredWith, expectedMode);
  await assert.rejects(
    manager.pack(new Point(1, 2), 'p : file[format=xml]'),
    (e: unknown) => (e as { code?: unknown }).code === 'OPTIONS_NOT_ALLOWED',
  );

  // A typed input declared in @Handler, a param, and the injected service.
  const jobs = new Jobs();
  const made = completed(await run([jobs, 'makePoint'], { manager }));
  const scaled = completed(
    await run([jobs, 'scale'], {
      manager,
      inputs: { point: uriOf(made, 'p') },
      params: { factor: 10 },
    }),
  );
  const read = completed(
    await run([jobs, 'read'], { manager, inputs: { point: uriOf(scaled, 'scaled') } }),
  );
  assert.deepEqual(read.results, { x: 20, y: 30, isPoint: true });

  // A *key bundle: one artifact per item, bundled back into a Suite.
  const suite = completed(await run([jobs, 'makeSuite'], { manager }));
  assert.deepEqual(suite.artifacts.map((a) => a.key).sort(), ['suite_test', 'suite_train']);
  const counted = completed(
    await run([jobs, 'count'], { manager, inputs: { suite: suite.results['suite'] as never } }),
  );
  assert.equal(counted.results['count'], 2);
  assert.equal(counted.results['bundled'], true);
  assert.ok(new Suite({}) instanceof Suite);

  console.log(`decorators (${toolchain}, ${expectedMode} mode): ok`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
