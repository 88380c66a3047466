import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Artifact } from '../../../src/artifacts/artifact';
import { StoreArtifactRepository } from '../../../src/repository/store-artifact.repository';
import { StowageError } from '../../../src/errors/stowage.error';
import { handler } from '../../../src/handlers/handler.function';
import { run } from '../../../src/handlers/run';
import { PackagersManager } from '../../../src/manager/packagers-manager';
import { RunRepository } from '../../../src/runs/run-repository';
import type { Store } from '../../../src/stores/store';
import { describeValue, firstDifference } from './matrix-equality';
import {
  describeExpected,
  EQUAL,
  HINT_MISMATCH,
  type Expected,
  type HintKind,
} from './matrix-expectations';
import { NORMALISATIONS } from './matrix-normalisations';
import { FOREIGN_DIR, type ForeignCase } from './matrix-foreign-files';
import type { Hint, MatrixFixtures, ValueCase } from './matrix-values';

/** How one combination came back. `different` and `unexpected error` fail the matrix. */
export type Outcome = 'equal' | 'normalised' | 'typed error' | 'different' | 'unexpected error';

/** One classified combination. */
export interface CaseResult {
  /** `value/logHint/hintKind` (or `foreign/file/hint`), stable across branches and stores. */
  readonly id: string;
  /** The store it ran against (`pack` for cases that use none). */
  readonly store: string;
  readonly expected: string;
  readonly outcome: Outcome;
  /** What came back, when it is not what was expected. */
  readonly detail?: string;
}

type Got = { readonly value: unknown } | { readonly error: unknown };

/** A store the matrix runs against; `dispose` removes whatever it made. */
export interface MatrixStore {
  readonly name: string;
  readonly store: Store;
  readonly dispose?: () => Promise<void>;
}

/** Temporary and store paths differ on every run; reports show them as `<tmp>/…`. */
function stable(text: string): string {
  return text.replace(/\/[^\s"']*\/stowage-[a-z]+-[A-Za-z0-9]+/g, '<tmp>');
}

function errorText(error: unknown): string {
  const { name, code, message } = error as { name?: unknown; code?: unknown; message?: unknown };
  const first = String(message).split('\n')[0] ?? '';
  if (error instanceof StowageError || typeof code === 'string')
    return `${String(name)} [${String(code)}]: ${first}`;
  if (error instanceof Error) return `untyped ${error.name}: ${error.message.split('\n')[0] ?? ''}`;
  return `thrown ${String(error)}`;
}

/** Compares what came back with what the case expects. */
export async function classify(
  expected: Expected,
  original: unknown,
  got: Got,
): Promise<Omit<CaseResult, 'id' | 'store'>> {
  const result = await classifyRaw(expected, original, got);
  return result.detail === undefined ? result : { ...result, detail: stable(result.detail) };
}

async function classifyRaw(
  expected: Expected,
  original: unknown,
  got: Got,
): Promise<Omit<CaseResult, 'id' | 'store'>> {
  const wanted = describeExpected(expected);
  if (expected.kind === 'any') {
    let first: Omit<CaseResult, 'id' | 'store'> | undefined;
    for (const option of expected.of) {
      const found = await classifyRaw(option, original, got);
      if (found.outcome !== 'different' && found.outcome !== 'unexpected error')
        return { ...found, expected: wanted };
      first ??= found;
    }
    return { ...(first as Omit<CaseResult, 'id' | 'store'>), expected: wanted };
  }
  if ('error' in got) {
    const error = got.error as { name?: unknown; code?: unknown };
    const typed =
      expected.kind === 'error' &&
      typeof error.code === 'string' &&
      expected.classes.includes(String(error.name)) &&
      expected.code.test(error.code);
    return typed
      ? { expected: wanted, outcome: 'typed error' }
      : { expected: wanted, outcome: 'unexpected error', detail: errorText(got.error) };
  }
  if (expected.kind === 'error')
    return {
      expected: wanted,
      outcome: 'different',
      detail: `a value came back instead: ${describeValue(got.value)}`,
    };
  const target = expected.value === undefined ? original : expected.value();
  if (expected.kind === 'equal') {
    const found = firstDifference(target, got.value);
    return found === undefined
      ? { expected: wanted, outcome: 'equal' }
      : { expected: wanted, outcome: 'different', detail: found };
  }
  const found = await NORMALISATIONS[expected.as]
    .check(target, got.value)
    .catch((e: unknown) => `check threw ${errorText(e)}`);
  return found === undefined
    ? { expected: wanted, outcome: 'normalised' }
    : { expected: wanted, outcome: 'different', detail: found };
}

function expectationFor(
  value: ValueCase,
  logAs: string,
  kind: HintKind | 'record' | 'pack',
): Expected {
  const override = value.expect?.[logAs];
  if (override !== undefined && 'kind' in override) return override;
  const byKind = override;
  if (kind === 'pack') return byKind?.record ?? EQUAL;
  const given = byKind?.[kind];
  if (given !== undefined) return given;
  if (kind === 'wrong') return HINT_MISMATCH;
  // `Object` as the hint is a base of every class but also names the plain-record packager: the
  // issue settles neither, so it may give the value or refuse it; never a different value.
  if (kind === 'base' && value.hints.base === Object)
    return { kind: 'any', of: [EQUAL, HINT_MISMATCH] };
  return EQUAL;
}

/** A raw error as a run record keeps it: name, code, message. */
function recordedError(failure: {
  error: { name: string; code?: string; message: string };
}): unknown {
  return Object.assign(new Error(failure.error.message), {
    name: failure.error.name,
    code: failure.error.code,
  });
}

/**
 * Logs one value through a real run (the handler returns it under `out<logAs>`), reads the run
 * record back from the store, and reads the artifact (if it became one) under every hint.
 */
export async function runValueCase(
  target: MatrixStore,
  manager: PackagersManager,
  value: ValueCase,
  logAs: string,
  fx: MatrixFixtures,
): Promise<CaseResult[]> {
  const prefix = `${value.id}/${logAs === '' ? 'default' : logAs.slice(2)}`;
  mkdirSync(fx.dir, { recursive: true });
  const original = value.make(fx);
  const results: CaseResult[] = [];
  const add = async (kind: string, expected: Expected, got: Got): Promise<void> => {
    results.push({
      id: `${prefix}/${kind}`,
      store: target.name,
      ...(await classify(expected, original, got)),
    });
  };
  let returned;
  const cwd = process.cwd();
  if (value.inEmptyWorkingDir === true) process.chdir(fx.dir);
  try {
    const job = handler(() => original, { name: 'matrix', outputs: [`out${logAs}`] });
    returned = await run(job, { manager, store: target.store, onOutputFailure: 'warn' });
  } catch (error) {
    await add('pack', expectationFor(value, logAs, 'pack'), { error });
    return results;
  } finally {
    process.chdir(cwd);
  }
  const record = await new RunRepository({ store: target.store }).read(returned.id);
  const failure = record.failedOutputs?.find((f) => f.key === 'out');
  if (failure !== undefined) {
    await add('pack', expectationFor(value, logAs, 'pack'), { error: recordedError(failure) });
    return results;
  }
  if (record.error !== undefined) {
    await add('pack', expectationFor(value, logAs, 'pack'), {
      error: recordedError({ error: record.error }),
    });
    return results;
  }
  if (Object.prototype.hasOwnProperty.call(record.results, 'out')) {
    const expected = expectationFor(value, logAs, 'record');
    const stored = { value: record.results['out'] };
    const outcome = await classify(expected, original, stored);
    // The record run() returns must say the same as the one read back.
    const inMemory = await classify(expected, original, { value: returned.results['out'] });
    results.push({
      id: `${prefix}/record`,
      store: target.name,
      ...(outcome.outcome === inMemory.outcome
        ? outcome
        : { ...inMemory, detail: `run() returned: ${inMemory.detail ?? inMemory.outcome}` }),
    });
    return results;
  }
  const entry = record.artifacts.find((a) => a.key === 'out');
  if (entry === undefined) {
    // Neither a result nor an artifact: the record says `undefined` (JSON drops the field).
    await add('record', expectationFor(value, logAs, 'record'), { value: record.results['out'] });
    return results;
  }
  const repository = new StoreArtifactRepository({ store: target.store });
  const kinds: Array<[HintKind, Hint | undefined]> = [
    ['none', undefined],
    ...(Object.entries(value.hints) as Array<[HintKind, Hint]>),
  ];
  for (const [kind, hint] of kinds) {
    let got: Got;
    try {
      const item = await repository.open(entry.uri);
      got = { value: await manager.unpack(item, hint) };
    } catch (error) {
      got = { error };
    }
    await add(kind, expectationFor(value, logAs, kind), got);
  }
  return results;
}

/** `manager.pack(v, 'k : result')` must return the value itself (issue 22, results part). */
export async function runPackedResultCase(
  manager: PackagersManager,
  value: ValueCase,
  fx: MatrixFixtures,
): Promise<CaseResult> {
  mkdirSync(fx.dir, { recursive: true });
  const original = value.make(fx);
  const expected = expectationFor(value, ': result', 'record');
  let got: Got;
  try {
    const out = await manager.pack(original, 'out : result');
    got = out.kind === 'result' ? { value: out.value } : { value: out.artifact };
  } catch (error) {
    got = { error };
  }
  return {
    id: `${value.id}/result/pack-value`,
    store: 'pack',
    ...(await classify(expected, original, got)),
  };
}

/** Logs a file another tool wrote by hand (no packaging instructions) and reads it under each hint. */
export async function runForeignCase(
  target: MatrixStore,
  manager: PackagersManager,
  foreign: ForeignCase,
): Promise<CaseResult[]> {
  const repository = new StoreArtifactRepository({ store: target.store });
  const key = `foreign-${foreign.file.replace(/[^a-z0-9]+/gi, '-')}`;
  const logged = await repository.log(
    new Artifact({
      key,
      body: readFileSync(join(FOREIGN_DIR, foreign.file)),
      fileName: foreign.file,
    }),
  );
  const results: CaseResult[] = [];
  for (const [name, [hint, expected]] of Object.entries(foreign.reads)) {
    let got: Got;
    try {
      got = {
        value: await manager.unpack(await repository.open(logged.uri as string), hint),
      };
    } catch (error) {
      got = { error };
    }
    results.push({
      id: `foreign/${foreign.file}/${name}`,
      store: target.name,
      ...(await classify(expected, undefined, got)),
    });
  }
  return results;
}
