import type { Artifact, RunRecord } from '@stowage/core';
import { ConsumerIndex } from './consumer-index';
import { inputRefs, type InputRef, type StoreView } from './store-view';

/** How many nodes one level of a lineage graph shows at most (the rest are counted). */
export const LINEAGE_NODES_PER_LEVEL = 12;
/** How many steps up and down a lineage graph goes by default, and at most. */
export const LINEAGE_GRAPH_DEPTH = 4;
export const LINEAGE_GRAPH_MAX_DEPTH = 8;
/** How many inputs named by tag (not version) one run's expansion reads to find their version. */
export const LINEAGE_GRAPH_MAX_TAG_READS = 24;

/** A node of a lineage graph: a run, an artifact version, or "N more" left out of a level. */
export type LineageNode =
  | {
      readonly type: 'run';
      readonly id: string;
      readonly level: number;
      readonly runId: string;
      readonly name: string;
      readonly status?: string;
    }
  | {
      readonly type: 'artifact';
      readonly id: string;
      readonly level: number;
      readonly key: string;
      readonly version?: string;
      readonly kind?: string;
    }
  | { readonly type: 'more'; readonly id: string; readonly level: number; readonly count: number };

/** An edge from upstream to downstream (artifact → the run that read it, run → what it made). */
export interface LineageEdge {
  readonly from: string;
  readonly to: string;
  /** The run named the artifact by tag or by key only: the version is the one the tag names now. */
  readonly byTag: boolean;
}

/** A level that had more nodes than it shows. */
export interface TruncatedLevel {
  readonly level: number;
  readonly shown: number;
  readonly total: number;
}

/**
 * The lineage around one run or artifact version: levels < 0 upstream (what it was made from),
 * level 0 the focus, levels > 0 downstream (what used it).
 */
export interface LineageGraph {
  readonly focus: string;
  readonly depth: number;
  readonly perLevel: number;
  readonly nodes: readonly LineageNode[];
  readonly edges: readonly LineageEdge[];
  readonly truncated: readonly TruncatedLevel[];
}

/** Options of {@link lineageGraph}. */
export interface LineageGraphOptions {
  /** Steps each way (default {@link LINEAGE_GRAPH_DEPTH}, at most {@link LINEAGE_GRAPH_MAX_DEPTH}). */
  readonly depth?: number;
  /** Nodes a level shows at most (default {@link LINEAGE_NODES_PER_LEVEL}). */
  readonly perLevel?: number;
  /** Who read what (default: a new index over the view's run listing). */
  readonly consumers?: ConsumerIndex;
}

/** What the graph starts from. */
export type LineageFocus = { readonly run: RunRecord } | { readonly artifact: Artifact };

interface Candidate {
  readonly node: LineageNode;
  /** The edge to the node being expanded, as upstream → downstream. */
  readonly edge: (expanded: string) => LineageEdge;
  readonly load?: () => Promise<Expandable | undefined>;
}

/** A node with what is needed to expand it further. */
interface Expandable {
  readonly node: LineageNode;
  readonly run?: RunRecord;
  readonly artifact?: Artifact;
}

const runId = (id: string): string => `run:${id}`;
const artifactId = (key: string, version: string | undefined): string =>
  `artifact:${key}@${version ?? '?'}`;

function runNode(run: RunRecord, level: number): LineageNode {
  return {
    type: 'run',
    id: runId(run.id),
    level,
    runId: run.id,
    name: run.name,
    status: run.status,
  };
}

function artifactNode(
  key: string,
  version: string | undefined,
  level: number,
  kind?: string,
): LineageNode {
  return {
    type: 'artifact',
    id: artifactId(key, version),
    level,
    key,
    ...(version !== undefined ? { version } : {}),
    ...(kind !== undefined ? { kind } : {}),
  };
}

/**
 * Walks the lineage of a run or an artifact version, both ways, level by level: upstream an
 * artifact's producing run, that run's inputs, their producing runs, …; downstream the runs
 * that read an artifact, what they made, the runs that read that, ….
 *
 * @remarks
 * Bounded on a big store: at most `perLevel` nodes a level are kept (and read); the others are
 * counted into one "N more" node and listed in `truncated`. A node reached twice is drawn once
 * (cycles and diamonds end there). Records that cannot be read end their branch.
 */
export async function lineageGraph(
  view: StoreView,
  focus: LineageFocus,
  options: LineageGraphOptions = {},
): Promise<LineageGraph> {
  const depth = Math.min(
    Math.max(1, Math.floor(options.depth ?? LINEAGE_GRAPH_DEPTH)),
    LINEAGE_GRAPH_MAX_DEPTH,
  );
  const perLevel = Math.max(1, Math.floor(options.perLevel ?? LINEAGE_NODES_PER_LEVEL));
  const index = options.consumers ?? new ConsumerIndex(view);
  const nodes = new Map<string, LineageNode>();
  const edges = new Map<string, LineageEdge>();
  const truncated: TruncatedLevel[] = [];
  const start: Expandable =
    'run' in focus
      ? { node: runNode(focus.run, 0), run: focus.run }
      : {
          node: artifactNode(focus.artifact.key, focus.artifact.version, 0, focus.artifact.kind),
          artifact: focus.artifact,
        };
  nodes.set(start.node.id, start.node);
  const addEdge = (edge: LineageEdge): void => {
    edges.set(`${edge.from}→${edge.to}`, edge);
  };

  for (const direction of [-1, 1] as const) {
    let frontier: Expandable[] = [start];
    for (let step = 1; step <= depth && frontier.length > 0; step++) {
      const level = direction * step;
      const candidates: { from: string; candidate: Candidate }[] = [];
      for (const item of frontier) {
        const found =
          direction < 0
            ? await upstreamOf(view, item, level)
            : await downstreamOf(view, index, item, level);
        for (const candidate of found) candidates.push({ from: item.node.id, candidate });
      }
      const fresh: { from: string; candidate: Candidate }[] = [];
      const freshIds = new Set<string>();
      for (const c of candidates) {
        if (nodes.has(c.candidate.node.id)) addEdge(c.candidate.edge(c.from));
        else {
          freshIds.add(c.candidate.node.id);
          fresh.push(c);
        }
      }
      const keptIds = [...freshIds].slice(0, perLevel);
      const kept = new Set(keptIds);
      if (freshIds.size > perLevel) {
        truncated.push({ level, shown: perLevel, total: freshIds.size });
        const more: LineageNode = {
          type: 'more',
          id: `more:${level}`,
          level,
          count: freshIds.size - perLevel,
        };
        nodes.set(more.id, more);
      }
      const next: Expandable[] = [];
      for (const c of fresh) {
        const id = c.candidate.node.id;
        if (!kept.has(id)) continue;
        addEdge(c.candidate.edge(c.from));
        if (nodes.has(id)) continue;
        const loaded = (await c.candidate.load?.()) ?? undefined;
        // The loaded record knows more (an input's kind) than the reference it was found by.
        nodes.set(id, loaded?.node ?? c.candidate.node);
        if (loaded !== undefined) next.push(loaded);
      }
      frontier = next;
    }
  }
  return {
    focus: start.node.id,
    depth,
    perLevel,
    nodes: [...nodes.values()],
    edges: [...edges.values()],
    truncated: truncated.sort((a, b) => a.level - b.level),
  };
}

/** Upstream of a run: its inputs; of an artifact: its producing run. */
async function upstreamOf(view: StoreView, item: Expandable, level: number): Promise<Candidate[]> {
  if (item.run !== undefined) {
    const out: Candidate[] = [];
    const seen = new Set<string>();
    // Inputs named by tag are read to find the version they name now: a bounded number of them.
    let resolvable = LINEAGE_GRAPH_MAX_TAG_READS;
    for (const ref of inputRefs(item.run)) {
      if (ref.key === undefined) continue;
      const exact = ref.version !== undefined;
      // By tag or key only: the version it names now (read when the node is kept).
      const id = artifactId(ref.key, ref.version ?? `${ref.tag ?? 'latest'}?`);
      if (seen.has(id)) continue;
      seen.add(id);
      const key = ref.key;
      if (exact) {
        out.push({
          node: artifactNode(key, ref.version, level),
          edge: (to) => ({ from: artifactId(key, ref.version), to, byTag: false }),
          load: () => loadArtifact(view, key, ref, level),
        });
      } else {
        const artifact = resolvable-- > 0 ? await readRef(view, ref) : undefined;
        const version = artifact?.version;
        // Not read: one node per key and tag, linking to the key's newest version.
        const nodeId = version !== undefined ? artifactId(key, version) : `${id}`;
        out.push({
          node: { ...artifactNode(key, version, level, artifact?.kind), id: nodeId },
          edge: (to) => ({ from: nodeId, to, byTag: true }),
          load: async () =>
            artifact !== undefined
              ? { node: artifactNode(key, version, level, artifact.kind), artifact }
              : undefined,
        });
      }
    }
    return out;
  }
  const producer = item.artifact?.producer?.runId;
  if (producer === undefined) return [];
  const run = await view.runs.read(producer).catch(() => undefined);
  const node: LineageNode =
    run !== undefined
      ? runNode(run, level)
      : { type: 'run', id: runId(producer), level, runId: producer, name: producer };
  return [
    {
      node,
      edge: (to) => ({ from: runId(producer), to, byTag: false }),
      load: async () => (run !== undefined ? { node, run } : undefined),
    },
  ];
}

/** Downstream of an artifact: the runs that read it; of a run: what it made. */
async function downstreamOf(
  view: StoreView,
  index: ConsumerIndex,
  item: Expandable,
  level: number,
): Promise<Candidate[]> {
  if (item.run !== undefined) {
    const run = item.run;
    return run.artifacts.map((a) => ({
      node: artifactNode(a.key, a.version, level, a.kind),
      edge: (from) => ({ from, to: artifactId(a.key, a.version), byTag: false }),
      load: async () => {
        const artifact = await view.artifacts
          .read(a.key, { version: a.version })
          .catch(() => undefined);
        return artifact !== undefined
          ? { node: artifactNode(a.key, a.version, level, a.kind), artifact }
          : undefined;
      },
    }));
  }
  const artifact = item.artifact;
  if (artifact === undefined) return [];
  const users = await index.consumers(artifact.key, artifact.version ?? '');
  return users.map((u) => ({
    node: runNode(u.run, level),
    edge: (from) => ({ from, to: runId(u.run.id), byTag: !u.exact }),
    load: async () => ({ node: runNode(u.run, level), run: u.run }),
  }));
}

async function readRef(view: StoreView, ref: InputRef): Promise<Artifact | undefined> {
  if (ref.key === undefined) return undefined;
  return view.artifacts
    .read(
      ref.key,
      ref.version !== undefined
        ? { version: ref.version }
        : ref.tag !== undefined
          ? { tag: ref.tag }
          : {},
    )
    .catch(() => undefined);
}

async function loadArtifact(
  view: StoreView,
  key: string,
  ref: InputRef,
  level: number,
): Promise<Expandable | undefined> {
  const artifact = await readRef(view, ref);
  return artifact !== undefined
    ? { node: artifactNode(key, ref.version, level, artifact.kind), artifact }
    : undefined;
}
