import { StowageError } from '../errors/stowage.error';
import { Artifact, type ArtifactInit } from './artifact';

/** One chat message of a prompt template. */
export interface PromptMessage {
  readonly role: string;
  readonly content: string;
}

/** What a template variable means (shown to people filling it in). */
export interface PromptVariable {
  readonly description?: string;
  /** Name of the input field that feeds it, when it differs from the variable name. */
  readonly field?: string;
  readonly default?: string;
}

/** Fields of an {@link LLMPromptArtifact}. */
export interface LLMPromptArtifactInit extends ArtifactInit {
  /** A text template or chat messages, with `{name}` placeholders. */
  readonly template?: string | readonly PromptMessage[];
  readonly variables?: Readonly<Record<string, PromptVariable>>;
  /** Model name or URI the prompt is meant for. */
  readonly model?: string;
  /** Generation settings: temperature, maxTokens, topP, stop… */
  readonly modelSettings?: Readonly<Record<string, unknown>>;
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * A prompt template for a large language model, with its variables and model settings.
 *
 * @remarks
 * Placeholders are `{name}` (as in MLRun's prompt artifacts, so templates move between the two);
 * `{{` and `}}` are literal braces. When no body is given, the prompt itself is stored as
 * `prompt.json`, so the artifact has bytes that other tools can read.
 */
export class LLMPromptArtifact extends Artifact {
  static override readonly kind: string = 'llm-prompt';

  template?: string | PromptMessage[];
  variables: Record<string, PromptVariable>;
  model?: string;
  modelSettings: Record<string, unknown>;

  constructor(init: LLMPromptArtifactInit) {
    super(init);
    if (init.template !== undefined) {
      this.template =
        typeof init.template === 'string' ? init.template : init.template.map((m) => ({ ...m }));
    }
    this.variables = { ...(init.variables ?? {}) };
    if (init.model !== undefined) this.model = init.model;
    this.modelSettings = { ...(init.modelSettings ?? {}) };
    if (init.body === undefined && this.template !== undefined) {
      const { template, variables, model, modelSettings } = this;
      this.body = Buffer.from(
        JSON.stringify({ template, variables, model, modelSettings }, null, 2),
      );
      this.fileName ??= 'prompt.json';
      this.format ??= 'json';
    }
  }

  /** Placeholder names used by the template, in order of first use. */
  get placeholders(): string[] {
    const texts =
      typeof this.template === 'string'
        ? [this.template]
        : (this.template ?? []).map((m) => m.content);
    const names = new Set<string>();
    for (const text of texts)
      for (const match of text.replace(/\{\{|\}\}/g, '').matchAll(PLACEHOLDER))
        names.add(match[1] as string);
    return [...names];
  }

  /**
   * Fills the placeholders with `values` (falling back to each variable's default).
   *
   * @throws StowageError (code `PROMPT_VARIABLE_MISSING`) naming the placeholders without a value.
   */
  render(values: Readonly<Record<string, string>> = {}): string | PromptMessage[] {
    const missing = this.placeholders.filter(
      (n) => values[n] === undefined && this.variables[n]?.default === undefined,
    );
    if (missing.length > 0) {
      throw new StowageError(
        `Prompt "${this.key}" has no value for ${missing.map((n) => `{${n}}`).join(', ')}.`,
        {
          code: 'PROMPT_VARIABLE_MISSING',
          details: { key: this.key, missing },
          fix: 'Pass a value for each placeholder, or give the variable a default.',
        },
      );
    }
    const fill = (text: string): string =>
      text.replace(/\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (m, name: string | undefined) =>
        name === undefined
          ? (m[0] as string)
          : (values[name] ?? this.variables[name]?.default ?? m),
      );
    return typeof this.template === 'string'
      ? fill(this.template)
      : (this.template ?? []).map((m) => ({ ...m, content: fill(m.content) }));
  }
}
