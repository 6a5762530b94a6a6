/**
 * Absorption probabilities of a first-order Markov chain, solved exactly (Gaussian
 * elimination with partial pivoting on `x = Q x + r`), never by simulation.
 * Shared by Markov attribution and the journey model.
 */

/** Transition counts: `counts[from][to]`. States that are never a `from` are absorbing. */
export type TransitionCounts = Readonly<Record<string, Readonly<Record<string, number>>>>;

/**
 * For every transient state (every key of `counts`), the probability of ending in `target`.
 * `removed` states are treated as absorbing failures (Markov removal effect).
 *
 * @example
 * ```ts
 * absorptionProbabilities({ start: { a: 1 }, a: { conv: 1, null: 1 } }, 'conv'); // Map { start → 0.5, a → 0.5 }
 * ```
 */
export function absorptionProbabilities(counts: TransitionCounts, target: string, removed?: ReadonlySet<string>): Map<string, number> {
  // Sorted, so the elimination order (and every rounding in it) does not depend on the order
  // the states were first seen: a model merged from shards solves to the same bits as one run.
  const states = Object.keys(counts).filter((s) => s !== target && !removed?.has(s)).sort();
  const index = new Map(states.map((s, i) => [s, i]));
  const n = states.length;
  // Row i: x_i − Σ_j Q_ij x_j = r_i  (A x = b).
  const a: Float64Array[] = states.map(() => new Float64Array(n));
  const b = new Float64Array(n);
  states.forEach((s, i) => {
    const row = counts[s];
    let total = 0;
    for (const to of Object.keys(row)) total += row[to];
    a[i][i] = 1;
    if (total === 0) return;
    for (const to of Object.keys(row)) {
      const p = row[to] / total;
      if (to === target) b[i] += p;
      else {
        const j = index.get(to);
        if (j !== undefined) a[i][j] -= p;
      }
    }
  });
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    if (pivot !== col) {
      [a[pivot], a[col]] = [a[col], a[pivot]];
      [b[pivot], b[col]] = [b[col], b[pivot]];
    }
    const p = a[col][col];
    if (p === 0) continue;
    for (let r = col + 1; r < n; r++) {
      const f = a[r][col] / p;
      if (f === 0) continue;
      const ar = a[r];
      const ac = a[col];
      for (let c = col; c < n; c++) ar[c] -= f * ac[c];
      b[r] -= f * b[col];
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r];
    for (let c = r + 1; c < n; c++) s -= a[r][c] * x[c];
    x[r] = a[r][r] === 0 ? 0 : s / a[r][r];
  }
  return new Map(states.map((s, i) => [s, x[i]]));
}
