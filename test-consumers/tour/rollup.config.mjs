// Rollup as a Node application would use it: resolve packages (the module condition first),
// convert CommonJS dependencies, keep Node's builtins external.
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import { nodeResolve } from '@rollup/plugin-node-resolve';

export default {
  input: 'tour.mjs',
  output: { file: 'out/rollup.mjs', format: 'esm', inlineDynamicImports: true },
  plugins: [nodeResolve({ preferBuiltins: true }), commonjs(), json()],
  onwarn(warning, warn) {
    if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
};
