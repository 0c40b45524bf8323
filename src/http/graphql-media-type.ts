/**
 * GraphQL over HTTP: which media type an answer on /graphql uses. yoga negotiates its own
 * answers; our refusals made before yoga runs (401, 429, 413, 400 from the body parser, 503)
 * follow the same rule, so a client that asked for `application/graphql-response+json` can
 * trust the body of a 4xx as a GraphQL response (Apollo Client 4 reads it only then).
 */
export type GraphQLMediaType = "application/graphql-response+json" | "application/json";

/**
 * The first entry of Accept that names one of the two JSON media types, as yoga picks it
 * (list order, q-values ignored; a wildcard means `application/json`). Without such an entry
 * the legacy `application/json`, which the spec still allows 4xx codes for.
 */
export function graphqlMediaType(accept: string | undefined): GraphQLMediaType {
  return namedGraphqlMediaType(accept) ?? "application/json";
}

/**
 * The JSON media type yoga answers a single result in, read from Accept exactly as yoga reads it
 * (whitespace dropped, lower case, entries in order, only UTF-8), or null when no entry names
 * one (yoga would then stream, or answer 406). No Accept, or an empty one, means any type.
 */
export function namedGraphqlMediaType(accept: string | undefined): GraphQLMediaType | null {
  for (const entry of (accept || "*/*").replace(/\s/g, "").toLowerCase().split(",")) {
    const [type = "", ...params] = entry.split(";");
    const charset = params.find((param) => param.includes("charset="));
    if (charset !== undefined && charset !== "charset=utf-8") continue;
    if (type === "application/graphql-response+json") return type;
    if (type === "application/json" || type === "application/*" || type === "*/*") return "application/json";
  }
  return null;
}
