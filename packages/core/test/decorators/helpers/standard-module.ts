import * as ts from 'typescript';

/** What a fixture may `require`: module id → its exports. */
export type FixtureModules = Readonly<Record<string, unknown>>;

/**
 * Compiles TypeScript the way a project with standard (TC39) decorators does: no
 * `experimentalDecorators`, no `emitDecoratorMetadata`, target ES2022, CommonJS output.
 * Throws on a syntax error.
 */
export function compileStandard(source: string, fileName = 'fixture.ts'): string {
  const out = ts.transpileModule(source, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      experimentalDecorators: false,
      emitDecoratorMetadata: false,
      strict: true,
    },
  });
  const errors = out.diagnostics ?? [];
  if (errors.length > 0)
    throw new Error(
      errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'),
    );
  return out.outputText;
}

/**
 * Runs CommonJS code in this test's realm (so it sees the same `Symbol` and the same
 * `@stowage/core` module instance as the test) and returns its exports. Only the ids in `modules`
 * can be required. No file is written.
 */
export function loadCommonJs(code: string, modules: FixtureModules): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  const require = (id: string): unknown => {
    if (!(id in modules)) throw new Error(`The fixture may not require "${id}".`);
    return modules[id];
  };
  // Function is the constructor of this realm: the code runs against the test's globals.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const body = new Function('exports', 'require', 'module', code) as (
    exports: unknown,
    req: typeof require,
    mod: typeof module,
  ) => void;
  body(module.exports, require, module);
  return module.exports;
}

/** Compiles `source` with standard decorators and loads it. */
export function loadStandard(source: string, modules: FixtureModules): Record<string, unknown> {
  return loadCommonJs(compileStandard(source), modules);
}

/** True when the installed TypeScript emits decorator metadata for standard decorators (5.2+). */
export function typescriptVersion(): readonly [number, number] {
  const [major = 0, minor = 0] = ts.version.split('.').map(Number);
  return [major, minor];
}
