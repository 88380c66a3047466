import type { ErrorCode } from '../errors/error-codes';
import { errorSummary } from '../errors/stowage.error';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { CollectionError } from '../errors/collection.error';
import { PACKAGER_ARGS } from '../metadata/metadata-keys';
import { readOwnMetadata } from '../metadata/metadata-store';
import type { WarningSink } from '../errors/warning-sink';
import type { ConcreteConstructor } from '../types';
import type { CustomPackagerEntry } from './project-config';

const EXPORT_NAME = /^[A-Za-z_$][\w$]*$/;

/** A module specifier split into the module and the export name (`undefined`: all packagers). @internal */
export function splitSpecifier(specifier: string): {
  module: string;
  exportName: string | undefined;
} {
  const at = specifier.lastIndexOf('#');
  if (at <= 0) return { module: specifier, exportName: undefined };
  const exportName = specifier.slice(at + 1);
  if (!EXPORT_NAME.test(exportName)) {
    throw new CollectionError(
      `The custom packager specifier "${specifier}" has an invalid export name.`,
      {
        code: 'COLLECTION_INVALID_SPECIFIER',
        details: { module: specifier },
        fix: 'Write it as "./path/to/module#ExportName" or "package-name#ExportName".',
      },
    );
  }
  return { module: specifier.slice(0, at), exportName };
}

function isPackagerClass(value: unknown): value is ConcreteConstructor {
  return typeof value === 'function' && readOwnMetadata(PACKAGER_ARGS, value) !== undefined;
}

function collectionError(
  code: ErrorCode,
  specifier: string,
  what: string,
  fix: string,
  cause?: unknown,
): CollectionError {
  return new CollectionError(`The custom packager "${specifier}" ${what}.`, {
    code,
    details: { module: specifier },
    cause,
    fix,
  });
}

/**
 * Imports one custom packager entry relative to `root` and returns its packager classes.
 * @throws CollectionError `COLLECTION_INVALID_SPECIFIER`, `COLLECTION_MODULE_NOT_FOUND`,
 * `COLLECTION_IMPORT_FAILED`, `COLLECTION_EXPORT_MISSING`, `COLLECTION_NOT_A_PACKAGER`.
 */
export function importCustomPackager(specifier: string, root: string): ConcreteConstructor[] {
  const { module, exportName } = splitSpecifier(specifier);
  const requireFromRoot = createRequire(join(resolve(root), '__stowage_root__.js'));
  let path: string;
  try {
    path = requireFromRoot.resolve(module);
  } catch (cause) {
    throw collectionError(
      'COLLECTION_MODULE_NOT_FOUND',
      specifier,
      `cannot be found from ${resolve(root)}`,
      'Check the path (relative to the project root) or install the package.',
      cause,
    );
  }
  let exports: Record<string, unknown>;
  try {
    exports = requireFromRoot(path) as Record<string, unknown>;
  } catch (cause) {
    throw collectionError(
      'COLLECTION_IMPORT_FAILED',
      specifier,
      'threw while being imported',
      'Fix the error raised by the module (see the cause).',
      cause,
    );
  }
  if (exportName !== undefined) {
    if (!(exportName in exports)) {
      throw collectionError(
        'COLLECTION_EXPORT_MISSING',
        specifier,
        `has no export named "${exportName}"`,
        `Export the class as "${exportName}" or fix the name after "#". Exports: ${Object.keys(exports).join(', ')}.`,
      );
    }
    const value = exports[exportName];
    if (!isPackagerClass(value)) {
      throw collectionError(
        'COLLECTION_NOT_A_PACKAGER',
        specifier,
        'is not a @Packager class',
        'Decorate the exported class with @Packager({ type: … }).',
      );
    }
    return [value];
  }
  const classes = Object.values(exports).filter(isPackagerClass);
  if (classes.length === 0) {
    throw collectionError(
      'COLLECTION_NOT_A_PACKAGER',
      specifier,
      'exports no @Packager class',
      'Export at least one @Packager class, or name one with "#ExportName".',
    );
  }
  return classes;
}

/**
 * Imports the custom packagers of a project. A mandatory entry that fails throws; an optional one
 * is skipped with a warning, so its types fall back to other packagers.
 * @throws CollectionError for a mandatory entry that cannot be collected (see {@link importCustomPackager}).
 */
export function loadCustomPackagers(
  entries: readonly CustomPackagerEntry[],
  root: string,
  sink: WarningSink,
): ConcreteConstructor[] {
  const classes: ConcreteConstructor[] = [];
  for (const entry of entries) {
    try {
      classes.push(...importCustomPackager(entry.module, root));
    } catch (error) {
      if (entry.mandatory || !CollectionError.is(error)) throw error;
      const cause = error.cause === undefined ? '' : ` (${errorSummary(error.cause)})`;
      sink.warn(
        `Skipping the optional custom packager "${entry.module}": ${error.summary}${cause}`,
      );
    }
  }
  return classes;
}
