import { LocalStore } from '@stowage/core';
import { runPipeline } from './pipeline';
import { summaryTable } from './summary-table';

/**
 * `npm run demo`: runs the pipeline on the local store (`STOWAGE_STORE`, default `./.stowage`)
 * and prints what each step logged, then a summary. Exits with 1 when a step fails.
 */
async function main(): Promise<void> {
  const store = new LocalStore();
  console.log(`Stowage demo pipeline, store ${store.url}\n`);
  const result = await runPipeline({ store, log: (line) => console.log(line) });
  console.log(`\n${summaryTable(result)}\n`);
  const model = result.train.artifacts.find((a) => a.key === 'model')?.uri ?? '';
  console.log('Look at it with the CLI:');
  console.log(`  npx stowage runs --label pipeline=${result.id}`);
  console.log(`  npx stowage artifacts show ${model}`);
  console.log('  npx stowage get roc');
  console.log('\nOr browse its runs, artifacts and lineage in a browser:');
  console.log(`  npx stowage ui --store ${store.url} --open`);
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
