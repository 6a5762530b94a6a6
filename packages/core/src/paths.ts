/**
 * Paths (docs/metrics.md#paths): each session's journey items, drawn as a
 * depth-keyed graph (`"2_/cart"`) for a Sankey, with the first-order transitions and the
 * most common paths.
 */
import type { Analyzer, NormalizedEvent } from './analyzer.js';
import { inSession } from './event-scope.js';
import { FootfallError } from './errors.js';
import { addCounts } from './lib/analyzerState.js';
import { defineAnalyzer, type KeyedState } from './lib/define-analyzer.js';
import { compileClean, pathItem, type CleanRule } from './lib/pathItems.js';
import { cloneState, copyDict, dict } from './lib/dict.js';

/** Options of `createPaths`. */
export interface PathsOptions {
  /**
   * Start item: paths begin at its first occurrence; sessions without it are left out.
   * @default undefined (paths begin at the session's first item)
   */
  start?: string;
  /**
   * End item: paths stop at its first occurrence (after `start`); sessions without it are left out.
   * @default undefined
   */
  end?: string;
  /**
   * Step limit: the graph and `topPaths` keep each path's first `steps` items.
   * @default 5
   */
  steps?: number;
  /**
   * Cleaning rules applied to every item first, in order: `[glob, replacement]` (a glob
   * rewrites a whole item it matches; a RegExp, programmatic only, replaces its matches),
   * e.g. `['/product/*', '/product/*']`.
   * @default []
   */
  clean?: readonly CleanRule[];
  /**
   * How many of the most common paths `topPaths` lists.
   * @default 10
   */
  top?: number;
}

/** A graph node: an item at a depth. */
export interface PathNode {
  /** `"<step>_<item>"`, e.g. `"2_/cart"`. */
  id: string;
  step: number;
  item: string;
  /** Paths that pass through this node. */
  count: number;
}

/** A graph edge: paths going from `source` to `target`. */
export interface PathLink {
  source: string;
  target: string;
  value: number;
}

/** One first-order transition (over whole paths, not limited by `steps`). */
export interface PathTransition {
  from: string;
  to: string;
  count: number;
}

/** `footfall paths --json`: `nodes` and `links` (docs/cli.md#footfall-paths) plus transitions and top paths. */
export interface PathsResult {
  nodes: PathNode[];
  links: PathLink[];
  /** The first-order transition matrix, as a sparse list, most frequent first. */
  transitions: PathTransition[];
  /** The most common paths (first `steps` items), most frequent first. */
  topPaths: Array<{ path: string[]; count: number }>;
  /** Paths counted (sessions that had items and met `start`/`end`). */
  paths: number;
}

/** The JSON state of a paths analyzer. */
export interface PathsState extends KeyedState {
  /** Each person's open session: its key and its items so far (consecutive duplicates collapsed). */
  open: Record<string, { s: string; i: string[] }>;
  nodes: Record<string, number>;
  /** `source \n target` → paths. */
  links: Record<string, number>;
  /** `from \n to` → count. */
  transitions: Record<string, number>;
  /** Items joined by `\n` → paths. */
  paths: Record<string, number>;
}

const SEP = '\n';

/**
 * Creates a paths analyzer: a path is one session's journey items in time order, with
 * consecutive duplicates collapsed; a session's path is final when the person's next
 * session begins, or (for the still-open one) when `result()` is read.
 *
 * @example
 * ```ts
 * const paths = createPaths({ steps: 4, clean: [['/product/*', '/product/*']] });
 * for (const e of normalize(events)) paths.add(e);
 * const { nodes, links } = paths.result(); // feed a Sankey
 * ```
 */
export function createPaths(options: PathsOptions = {}): Analyzer<PathsState, PathsResult> {
  const limit = options.steps ?? 5;
  if (!Number.isInteger(limit) || limit < 1) throw new FootfallError('INVALID_OPTION', `steps must be a whole number ≥ 1 (got ${limit})`);
  const top = options.top ?? 10;
  const clean = compileClean(options.clean);
  const { start, end } = options;
  const state: PathsState = {
    key: JSON.stringify({ p: 1, start: start ?? null, end: end ?? null, steps: limit, clean: (options.clean ?? []).map(([p, r]) => [String(p), r]) }),
    open: dict(),
    nodes: dict(),
    links: dict(),
    transitions: dict(),
    paths: dict(),
  };

  /** Counts one finished session path into `into`. */
  const finish = (items: readonly string[], into: PathsState) => {
    let path = items;
    if (start !== undefined) {
      const i = path.indexOf(start);
      if (i < 0) return;
      path = path.slice(i);
    }
    if (end !== undefined) {
      const i = path.indexOf(end);
      if (i < 0) return;
      path = path.slice(0, i + 1);
    }
    if (path.length === 0) return;
    for (let k = 1; k < path.length; k++) bump(into.transitions, path[k - 1] + SEP + path[k]);
    const drawn = path.slice(0, limit);
    bump(into.paths, drawn.join(SEP));
    drawn.forEach((item, k) => {
      bump(into.nodes, `${k + 1}_${item}`);
      if (k > 0) bump(into.links, `${k}_${drawn[k - 1]}${SEP}${k + 1}_${item}`);
    });
  };

  return defineAnalyzer<PathsState, PathsResult>(state, {
    name: 'paths',
    add(s, event) {
      if (!inSession(event)) return;
      const item = pathItem(event, clean);
      if (item === undefined) return;
      const open = s.open[event.person];
      if (open && open.s === event.session) {
        if (open.i[open.i.length - 1] !== item) open.i.push(item);
        return;
      }
      if (open) finish(open.i, s);
      s.open[event.person] = { s: event.session, i: [item] };
    },
    merge(into, other) {
      addCounts(into.nodes, other.nodes);
      addCounts(into.links, other.links);
      addCounts(into.transitions, other.transitions);
      addCounts(into.paths, other.paths);
      for (const [person, open] of Object.entries(other.open)) if (!into.open[person]) into.open[person] = open;
    },
    result(s) {
      const done: PathsState = { ...s, nodes: copyDict(s.nodes), links: copyDict(s.links), transitions: copyDict(s.transitions), paths: copyDict(s.paths) };
      for (const open of Object.values(s.open)) finish(open.i, done);
      const nodes = Object.entries(done.nodes)
        .map(([id, count]) => {
          const cut = id.indexOf('_');
          return { id, step: Number(id.slice(0, cut)), item: id.slice(cut + 1), count };
        })
        .sort((a, b) => a.step - b.step || b.count - a.count || compare(a.item, b.item));
      const links = Object.entries(done.links)
        .map(([key, value]) => {
          const [source, target] = key.split(SEP);
          return { source, target, value };
        })
        .sort((a, b) => b.value - a.value || compare(a.source, b.source) || compare(a.target, b.target));
      const transitions = Object.entries(done.transitions)
        .map(([key, count]) => {
          const [from, to] = key.split(SEP);
          return { from, to, count };
        })
        .sort((a, b) => b.count - a.count || compare(a.from, b.from) || compare(a.to, b.to));
      const all = Object.entries(done.paths).sort((a, b) => b[1] - a[1] || compare(a[0], b[0]));
      const topPaths = all.slice(0, top).map(([key, count]) => ({ path: key.split(SEP), count }));
      const paths = all.reduce((sum, [, c]) => sum + c, 0);
      return { nodes, links, transitions, topPaths, paths };
    },
  });
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
