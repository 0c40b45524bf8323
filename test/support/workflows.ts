/** Builds workflows through the API the way a user with an admin key would. */
import { expect } from "vitest";
import type { SignedIn } from "./accounts.js";
import { createKey } from "./accounts.js";
import { Client } from "./client.js";
import { CreateWorkflow, DeployWorkflow } from "./workflow-operations.js";

export interface DefinitionInput {
  inputSchema: Record<string, unknown>;
  steps: unknown[];
  outputs: Record<string, unknown>;
}

/** The documented example (docs/workflows.md): a prompt in, an SVG image out. */
export const PROMPT_TO_IMAGE: DefinitionInput = {
  inputSchema: {
    type: "object",
    required: ["prompt"],
    properties: { prompt: { type: "string", minLength: 1, maxLength: 500 } },
    additionalProperties: false,
  },
  steps: [{ id: "draw", model: "knouds/svg-image", inputs: { prompt: { from: "input.prompt" } } }],
  outputs: { image: { from: "steps.draw.svg" } },
};

/**
 * Creates a workflow in `owner`'s account (owner must be Business/Enterprise) with a fresh
 * admin key, and deploys it unless `draft`.
 */
export async function createWorkflow(
  owner: Pick<SignedIn, "client">,
  id: string,
  options: { visibility?: "private" | "public"; draft?: boolean; definition?: DefinitionInput } = {},
): Promise<void> {
  const { value } = await createKey(owner, "admin", `builder for ${id}`);
  const admin = new Client(owner.client.baseUrl, value);
  const created = await admin.graphql(CreateWorkflow, {
    input: { id, name: id, visibility: options.visibility ?? "private", ...(options.definition ?? PROMPT_TO_IMAGE) },
  });
  expect(created.errors, created.text).toBeUndefined();
  if (!options.draft) {
    const deployed = await admin.graphql(DeployWorkflow, { id });
    expect(deployed.data?.deployWorkflow.status).toBe("deployed");
  }
}
