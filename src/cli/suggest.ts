/**
 * "Did you mean …?" for the operator CLI's commands and options: the nearest known name by
 * edit distance, when it is near enough to be the intended one.
 */

/**
 * Edits (insert, delete, replace, or swap two neighbours) that turn `a` into `b` — the
 * optimal string alignment distance, so `emial` is one edit from `email`, not two.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The known name nearest to `typed`, or null when none is close: within a third of its length
 * in edits (at least one), or the only name that starts with it.
 */
export function nearest(typed: string, known: readonly string[]): string | null {
  const starting = typed.length >= 3 ? known.filter((name) => name.startsWith(typed.toLowerCase())) : [];
  if (starting.length === 1) return starting[0]!;
  const allowed = Math.max(1, Math.floor(typed.length / 3));
  let best: { name: string; distance: number } | null = null;
  for (const name of known) {
    const distance = editDistance(typed.toLowerCase(), name);
    if (distance <= allowed && (best === null || distance < best.distance)) best = { name, distance };
  }
  return best?.name ?? null;
}
