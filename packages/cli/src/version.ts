// Read at run time so the printed version always matches the installed package (dist/../package.json).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const manifest = require('../package.json') as { version: string };

/** The version of `@stowage/cli`, printed by `stowage --version`. */
export const CLI_VERSION: string = manifest.version;
