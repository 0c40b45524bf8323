/**
 * Both adapters read "own plus public" workflow pages as two keyset reads along two indexes;
 * this merges them into one page, by id, each workflow once.
 */
export function mergeById<T extends { id: string }>(a: readonly T[], b: readonly T[], limit: number): T[] {
  const merged: T[] = [];
  let i = 0;
  let j = 0;
  while (merged.length < limit && (i < a.length || j < b.length)) {
    const next = j >= b.length || (i < a.length && a[i]!.id <= b[j]!.id) ? a[i++]! : b[j++]!;
    if (merged.at(-1)?.id !== next.id) merged.push(next);
  }
  return merged;
}
