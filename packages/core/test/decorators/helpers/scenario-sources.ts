import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's consumer projects (run from the packed tarballs by scripts/consumer-check.js). */
const CONSUMERS = join(__dirname, '..', '..', '..', '..', '..', 'test-consumers');

/**
 * The toolchain scenario with standard decorators, as the consumer project compiles it through
 * every toolchain: a packager with options, priority and an injected service; handlers with
 * declared inputs and params; a `*key` bundle; a service that gets the manager from a container.
 */
export const STANDARD_SCENARIO_FILE = join(CONSUMERS, 'decorators', 'src', 'scenario.ts');

/**
 * The same scenario with the decorator-free API, in plain JavaScript (CommonJS): its
 * `defineScenario(core)` declares everything against the module object it is given.
 */
export const FUNCTION_SCENARIO_FILE = join(CONSUMERS, 'decorator-free-js', 'play.cjs');

/**
 * The text of a consumer project's source, so the jest tests and the consumer projects run one
 * scenario instead of two copies that drift apart.
 */
export function readConsumerSource(file: string): string {
  return readFileSync(file, 'utf8');
}
