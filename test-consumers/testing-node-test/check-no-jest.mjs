// The kit must not need jest: this project has neither jest nor @jest/globals installed.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
for (const name of ['jest', '@jest/globals']) {
  try {
    require.resolve(name);
    throw new Error(`${name} is installed in the node:test consumer; it must not be.`);
  } catch (error) {
    if (error.code !== 'MODULE_NOT_FOUND') throw error;
  }
}
