import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ERROR_CODES } from '../../src/errors/error-codes';

const root = join(__dirname, '..', '..', '..', '..');
const packages = join(root, 'packages');
const codesFile = join(packages, 'core', 'src', 'errors', 'error-codes.ts');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const sources = readdirSync(packages, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) => {
    try {
      return sourceFiles(join(packages, entry.name, 'src'));
    } catch {
      return [];
    }
  })
  .filter((path) => path !== codesFile)
  .map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }));

/** `code: 'X'`, `code: a ?? 'X'` and `defaultCode … = 'X'`: the codes an error is built with. */
const THROWN = [
  /\bcode:\s*(?:[^,'\n]*\?\?\s*)?'([A-Z][A-Z0-9_]*)'/g,
  /\bdefaultCode\b[^=\n]*=\s*'([A-Z][A-Z0-9_]*)'/g,
];

function thrownCodes(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const { path, text } of sources) {
    for (const pattern of THROWN) {
      for (const match of text.matchAll(pattern)) {
        const code = match[1] as string;
        found.set(code, [...(found.get(code) ?? []), path]);
      }
    }
  }
  return found;
}

describe('ERROR_CODES', () => {
  describe('when compared with the codes thrown in packages/*/src', () => {
    const thrown = thrownCodes();

    it('should find the source files and some thrown codes', () => {
      expect(sources.length).toBeGreaterThan(100);
      expect(thrown.get('HANDLER_NO_STORE')).toEqual(['packages/core/src/handlers/run.ts']);
    });

    it.each([...thrown.keys()].sort())('should list the thrown code %s', (code) => {
      expect({ code, listed: code in ERROR_CODES, where: thrown.get(code) }).toEqual({
        code,
        listed: true,
        where: thrown.get(code),
      });
    });
  });

  describe('when each listed code is looked for in packages/*/src', () => {
    it.each(Object.keys(ERROR_CODES))('should use %s somewhere', (code) => {
      const users = sources.filter(({ text }) => text.includes(`'${code}'`)).map((s) => s.path);
      expect(users.length).toBeGreaterThan(0);
    });
  });
});
