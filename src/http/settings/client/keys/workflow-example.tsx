/**
 * The API Keys page's example: how to run one of the account's own deployed workflows with a
 * key (its real address), or, when it has none, where to make or deploy one first.
 */
import { graphql } from "../gql/index.js";
import { Link } from "../router.js";
import { useSession } from "../session.js";
import { CopyButton } from "../ui/index.js";
import { useQuery } from "../use-query.js";

const OwnWorkflows = graphql(`
  query KeysPageWorkflows {
    workflows(first: 100, own: true) {
      edges {
        node {
          id
          slug
          name
          status
          ownerId
          updatedAt
          inputSchema
        }
      }
    }
  }
`);

interface PropertySchema {
  type?: string | string[];
  default?: unknown;
  enum?: unknown[];
  examples?: unknown[];
  minimum?: number;
}

/** Example inputs from the workflow's input schema: each required property (or the first few) with a plausible value. */
export function exampleInputs(schema: unknown): Record<string, unknown> {
  const object = (schema ?? {}) as { properties?: Record<string, PropertySchema>; required?: string[] };
  const properties = object.properties ?? {};
  const names = object.required?.length ? object.required : Object.keys(properties).slice(0, 3);
  const inputs: Record<string, unknown> = {};
  for (const name of names) {
    const property = properties[name] ?? {};
    const type = Array.isArray(property.type) ? property.type[0] : property.type;
    inputs[name] =
      property.default ??
      property.examples?.[0] ??
      property.enum?.[0] ??
      (type === "number" || type === "integer"
        ? (property.minimum ?? 1)
        : type === "boolean"
          ? true
          : type === "array"
            ? []
            : type === "object"
              ? {}
              : "text");
  }
  return inputs;
}

export function WorkflowExample() {
  const { account } = useSession();
  const { data } = useQuery(OwnWorkflows);
  // Until the list is in (or when it cannot be read), no example rather than a wrong one.
  if (!data) return null;
  const own = data.workflows.edges.map((edge) => edge.node).filter((workflow) => workflow.ownerId === account.id);
  const deployed = own.filter((workflow) => workflow.status === "deployed").sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  if (!deployed) {
    const draft = own[0];
    return (
      <div class="keys-example">
        <p>
          Keys call your workflows from scripts, CI or a backend.{" "}
          {draft ? (
            <>
              None of your workflows is deployed yet:{" "}
              <Link href={`/workflows/${encodeURIComponent(draft.slug)}`}>deploy “{draft.name}”</Link> to run it with a key.
            </>
          ) : (
            <>
              You have no workflow to call yet: <Link href="/workflows/new">create your first workflow</Link>, deploy it, then run it with a
              key.
            </>
          )}
        </p>
      </div>
    );
  }
  const body = JSON.stringify({ inputs: exampleInputs(deployed.inputSchema) }).replace(/'/g, "'\\''");
  const curl = `curl -X POST ${location.origin}/api/workflows/${deployed.slug}/run \\\n  -H "x-api-key: $KNOUDS_API_KEY" \\\n  -H "content-type: application/json" \\\n  -d '${body}'`;
  return (
    <div class="keys-example">
      <p>
        Run your workflow <Link href={`/workflows/${encodeURIComponent(deployed.slug)}`}>{deployed.name}</Link> with any of your keys (put
        its inputs in <code>inputs</code>; <Link href={`/workflows/${encodeURIComponent(deployed.slug)}/code`}>more examples</Link>):
      </p>
      <pre class="keys-curl">
        <code>{curl}</code>
      </pre>
      <CopyButton text={curl} size="small" label="Copy command" />
    </div>
  );
}
