/** Reading Relay connections in tests. */

/** The nodes of one page, in order (empty when the answer has none). */
export function nodes<T>(connection: { edges: Array<{ node: T }> } | null | undefined): T[] {
  return connection?.edges.map((edge) => edge.node) ?? [];
}
