import { readFile } from 'node:fs/promises';
// Artifact kinds, the stage/commit cycle of the repository, and reading a stored artifact back.
import { LocalStore, StoreArtifactRepository, resolveLinks } from '@stowage/core';
import { DatasetArtifact, LLMPromptArtifact, ModelArtifact, link } from '@stowage/core';
import type { Artifact, PromptMessage } from '@stowage/core';

/** What `main` gives back for the test to check. */
export interface ChurnModelTour {
  readonly committed: Artifact;
  readonly dataset: DatasetArtifact;
  readonly messages: string | readonly PromptMessage[];
  readonly warnings: readonly string[];
  readonly read: {
    kind: string | undefined;
    json: unknown;
    streamed: number;
    localJson: unknown;
    tokenizer: string;
  };
}

/** Builds three artifacts, logs the model through stage/commit and reads it back from `root`. */
export async function main(root: string): Promise<ChurnModelTour> {
  const onnxBytes = Buffer.from(JSON.stringify({ weights: [0.4, -1.2] })); // stand-in model bytes
  const tokenizerBytes = Buffer.from('{"vocab": ["churn", "stay"]}');
  const csvBytes = Buffer.from('age,churned\n31,false\n54,true\n');
  const rows = [
    { age: 31, churned: false },
    { age: 54, churned: true },
  ];
  // #region artifacts
  const model = new ModelArtifact({
    key: 'churn-model',
    body: onnxBytes,
    fileName: 'model.onnx',
    files: { 'tokenizer.json': tokenizerBytes }, // stored beside it, hashed separately
    framework: 'onnx',
    metrics: { auc: '...', accuracy: link('test_accuracy') },
    extraData: { test_set: '...' },
  });

  const ds = new DatasetArtifact({
    key: 'train',
    body: csvBytes,
    format: 'csv',
    schema: {
      fields: [
        { name: 'age', type: 'int64' },
        { name: 'churned', type: 'bool' },
      ],
    },
    rowCount: 10_000,
    preview: rows.slice(0, 20),
  });

  const prompt = new LLMPromptArtifact({
    key: 'support-reply',
    template: [
      { role: 'system', content: 'You answer in a {tone} tone.' },
      { role: 'user', content: '{question}' },
    ],
    variables: {
      tone: { default: 'friendly' },
      question: { description: 'the customer question' },
    },
    model: 'gpt-4o-mini',
    modelSettings: { temperature: 0.2, maxTokens: 400 },
  });
  prompt.render({ question: 'Where is my order?' }); // messages with the placeholders filled
  // #endregion
  const runId = 'run-1';
  const results = { auc: 0.91, test_accuracy: 0.87 };
  const seen: string[] = [];
  const warnings = { warn: (message: string): void => void seen.push(message) };
  // #region repository
  const repo = new StoreArtifactRepository({ store: new LocalStore({ root }) });
  const staged = await repo.stage(model, { tag: 'prod', producer: { runId } }); // bytes, invisible
  const [linked = staged] = resolveLinks([staged], results, warnings); // see below
  const committed = await repo.commit(linked); // record, then tags
  // #endregion
  // #region read
  const item = await repo.open('store://churn-model:prod');
  const record = item.meta; // the ModelArtifact record
  await item.get(); // Buffer, size and sha256 checked
  const json = await item.getJson(); // parsed
  let streamed = 0;
  for await (const chunk of await item.stream()) streamed += (chunk as Buffer).length; // checked at the end
  const local = await item.local(); // a path on disk (a copy for small files, until dispose)
  const tokenizer = await item.file('tokenizer.json').getText();
  // #endregion
  const localJson = JSON.parse(await readFile(local, 'utf8')) as unknown;
  await repo.dispose(); // removes the local copies the repository made
  return {
    committed,
    dataset: ds,
    messages: prompt.render({ question: 'Where is my order?' }),
    warnings: seen,
    read: { kind: record?.kind, json, streamed, localJson, tokenizer },
  };
}
