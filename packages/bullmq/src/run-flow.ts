import type { OutputHint, RunInput } from '@stowage/core';
import { QueueError } from './queue.error';

/**
 * An input of a flow step that is an output of an earlier step: the worker replaces it, when the
 * step starts, with that output's `store://key@version` URI (as an in-process pipeline passes
 * `record.artifacts[…].uri`), so lineage is the same either way.
 */
export interface StepOutput<S extends string = string> {
  /** The earlier step's name (a key of {@link FlowDefinition.steps}). */
  readonly step: S;
  /** The artifact key that step logs. */
  readonly output: string;
}

/** Names the output `output` of the earlier step `step`, as a flow step's input. */
export function stepOutput<const S extends string>(step: S, output: string): StepOutput<S> {
  return { step, output };
}

/** One step of a flow: what {@link RunQueue.enqueue} takes, with inputs that may name earlier steps. */
export interface FlowStep<S extends string = string> {
  /** `path/to/module.js#export` (relative to the working directory). */
  readonly handler: string;
  readonly params?: Readonly<Record<string, unknown>>;
  /** Input name → artifact URI(s), or an earlier step's output ({@link stepOutput}). */
  readonly inputs?: Readonly<Record<string, RunInput | StepOutput<S>>>;
  readonly returns?: readonly OutputHint[];
  /** Labels of this step's run (added to the flow's labels). */
  readonly labels?: Readonly<Record<string, string>>;
  /** The run name (default: the handler's). */
  readonly name?: string;
  /** Tries for this step (default: the queue's). */
  readonly attempts?: number;
}

/**
 * A pipeline for {@link RunQueue.enqueueFlow}: named steps, in an order where each step names only
 * earlier steps' outputs.
 */
export interface FlowDefinition<S extends string> {
  /** Step name → step. The last step is the flow's final step; every other step feeds a later one. */
  readonly steps: { readonly [K in S]: FlowStep<NoInfer<S>> };
  /** Labels every step's run carries (e.g. `{ pipeline: '…' }`). */
  readonly labels?: Readonly<Record<string, string>>;
}

/** Where each step's job goes in the BullMQ flow tree: its parent step (none for the final step). */
export interface FlowPlan<S extends string> {
  /** Steps in the given order. */
  readonly order: readonly S[];
  /** Step → the steps it reads from (direct dependencies). */
  readonly needs: ReadonlyMap<S, ReadonlySet<S>>;
  /** Step → its parent in the flow tree (the final step has none). */
  readonly parent: ReadonlyMap<S, S>;
}

/** Whether an input value is a {@link StepOutput} (not URIs). */
export function isStepOutput(value: unknown): value is StepOutput {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as Record<string, unknown>)['step'] === 'string' &&
    typeof (value as Record<string, unknown>)['output'] === 'string' &&
    Object.keys(value).length === 2
  );
}

/**
 * Lays a flow's steps out as a BullMQ flow tree (a job has one parent, and a parent starts only
 * when all its children completed).
 *
 * @remarks
 * Each step's parent is the dependent step that every other dependent of it waits for anyway (the
 * one deepest in the tree), so every step starts only after all the steps it reads from. A step
 * read by two steps that do not wait for each other cannot be laid out in one tree: that is
 * refused with the fix (make one of them read the other, or split the flow).
 * @throws QueueError `QUEUE_FLOW_INVALID` for an empty flow, a reference to an unknown or later
 * step, a step that feeds no later step (other than the last), or a shape a tree cannot hold.
 */
export function planFlow<S extends string>(flow: FlowDefinition<S>): FlowPlan<S> {
  const order = Object.keys(flow.steps) as S[];
  if (order.length === 0) throw invalid('it has no steps', 'Give at least one step.');
  const index = new Map(order.map((s, i) => [s, i]));
  const needs = new Map<S, Set<S>>();
  const dependents = new Map<S, S[]>(order.map((s) => [s, []]));
  for (const step of order) {
    const own = new Set<S>();
    for (const [input, value] of Object.entries(flow.steps[step].inputs ?? {})) {
      if (!isStepOutput(value)) continue;
      const from = value.step;
      const at = index.get(from);
      if (at === undefined || at >= (index.get(step) ?? 0)) {
        throw invalid(
          `input "${input}" of step "${step}" names ${at === undefined ? 'no step' : 'a later step'} "${from}"`,
          `Name an earlier step (one of: ${order.slice(0, index.get(step)).join(', ') || 'none'}); list steps in the order they run.`,
        );
      }
      own.add(from);
    }
    needs.set(step, own);
    for (const from of own) dependents.get(from)?.push(step);
  }
  const parent = new Map<S, S>();
  const ancestors = (step: S): S[] => {
    const out: S[] = [];
    for (let p = parent.get(step); p !== undefined; p = parent.get(p)) out.push(p);
    return out;
  };
  const last = order[order.length - 1] as S;
  for (let i = order.length - 2; i >= 0; i--) {
    const step = order[i] as S;
    const users = dependents.get(step) ?? [];
    if (users.length === 0) {
      throw invalid(
        `step "${step}" feeds no later step, so nothing waits for it`,
        `A flow ends in one final step (here "${last}"): make a later step read one of "${step}"'s outputs, or enqueue "${step}" on its own.`,
      );
    }
    const chosen = users.find((u) => {
      const above = new Set([u, ...ancestors(u)]);
      return users.every((other) => above.has(other));
    });
    if (chosen === undefined) {
      throw invalid(
        `step "${step}" is read by ${users.map((u) => `"${u}"`).join(' and ')}, which do not wait for each other`,
        'BullMQ flows are trees: make one of those steps read an output of the other, or split the flow in two.',
      );
    }
    parent.set(step, chosen);
  }
  return { order, needs, parent };
}

function invalid(why: string, fix: string): QueueError {
  return new QueueError(`This flow cannot be enqueued: ${why}.`, {
    code: 'QUEUE_FLOW_INVALID',
    fix,
  });
}
