import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ERROR_CODES } from '../../src/errors/error-codes';
import { ALL_ERROR_CODES, PACKAGE_ERROR_CODES } from '../helpers/package-error-codes';

const root = join(__dirname, '..', '..', '..', '..');
const packages = join(root, 'packages');

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
      return sourceFiles(join(packages, entry.name, 'src')).map((path) => ({
        dir: entry.name,
        path,
      }));
    } catch {
      return [];
    }
  })
  .filter(({ path }) => !/error-codes\.ts$/.test(path))
  .map(({ dir, path }) => ({ dir, path: relative(root, path), text: readFileSync(path, 'utf8') }));

/** `code: 'X'`, `code: a ?? 'X'` and `defaultCode … = 'X'`: the codes an error is built with. */
const THROWN = [
  /\bcode:\s*(?:[^,'\n]*\?\?\s*)?'([A-Z][A-Z0-9_]*)'/g,
  /\bdefaultCode\b[^=\n]*=\s*'([A-Z][A-Z0-9_]*)'/g,
];

/** Each thrown code with the packages (folders under packages/) and files that throw it. */
function thrownCodes(): Map<string, { dirs: Set<string>; paths: string[] }> {
  const found = new Map<string, { dirs: Set<string>; paths: string[] }>();
  for (const { dir, path, text } of sources) {
    for (const pattern of THROWN) {
      for (const match of text.matchAll(pattern)) {
        const code = match[1] as string;
        const entry = found.get(code) ?? { dirs: new Set<string>(), paths: [] };
        entry.dirs.add(dir);
        entry.paths.push(path);
        found.set(code, entry);
      }
    }
  }
  return found;
}

/** The package whose table declares `code`. */
function ownerOf(code: string): string | undefined {
  return PACKAGE_ERROR_CODES.find((p) => code in p.codes)?.dir;
}

describe('ERROR_CODES', () => {
  describe('when compared with the codes thrown in packages/*/src', () => {
    const thrown = thrownCodes();

    it('should find the source files and some thrown codes', () => {
      expect(sources.length).toBeGreaterThan(100);
      expect(thrown.get('HANDLER_NO_STORE')?.paths).toEqual(['packages/core/src/handlers/run.ts']);
      expect(thrown.get('S3_TIMEOUT')?.dirs).toEqual(new Set(['s3']));
    });

    it.each([...thrown.keys()].sort())('should list the thrown code %s', (code) => {
      expect({
        code,
        listed: ALL_ERROR_CODES.includes(code),
        where: thrown.get(code)?.paths,
      }).toEqual({ code, listed: true, where: thrown.get(code)?.paths });
    });

    it.each([...thrown.keys()].sort())(
      'should throw %s only in its own package or in one that depends on core',
      (code) => {
        const owner = ownerOf(code);
        const throwers = [...(thrown.get(code)?.dirs ?? [])];
        // Core's codes may be thrown anywhere; a sibling's codes only by that sibling.
        const allowed = owner === 'core' ? throwers : [owner];
        expect({ code, throwers }).toEqual({ code, throwers: allowed });
      },
    );
  });

  describe('when each listed code is looked for in its package', () => {
    it.each(PACKAGE_ERROR_CODES.flatMap((p) => Object.keys(p.codes).map((c) => [c, p.dir])))(
      'should use %s somewhere in packages/%s/src',
      (code, dir) => {
        const users = sources
          .filter((s) => s.dir === dir && s.text.includes(`'${code}'`))
          .map((s) => s.path);
        expect(users.length).toBeGreaterThan(0);
      },
    );
  });

  describe("when the packages' tables are compared", () => {
    it('should declare each code in one package only', () => {
      const repeated = ALL_ERROR_CODES.filter((c, i) => ALL_ERROR_CODES.indexOf(c) !== i);
      expect(repeated).toEqual([]);
    });

    it.each(PACKAGE_ERROR_CODES.filter((p) => p.prefix !== undefined).map((p) => [p.dir, p]))(
      'should give every code of packages/%s its prefix, and core none with that prefix',
      (_dir, { prefix, codes }) => {
        const wrong = Object.keys(codes).filter((c) => !c.startsWith(prefix ?? ''));
        const inCore = Object.keys(ERROR_CODES).filter((c) => c.startsWith(prefix ?? ''));
        expect({ wrong, inCore }).toEqual({ wrong: [], inCore: [] });
      },
    );
  });
});
