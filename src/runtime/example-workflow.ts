/**
 * A fresh install ships one deployed, public example workflow, `knouds/hello-world`, owned by
 * the system account `knouds`, which cannot sign in. Idempotent: run at every start.
 */
import type { AccountRecord } from "../domain/account.js";
import { KnoudsError } from "../domain/errors.js";
import { SYSTEM_ACCOUNT_ID, SYSTEM_HANDLE } from "../domain/handle.js";
import { workflowAddress, type Workflow } from "../domain/workflow.js";
import type { Store } from "../store/interface.js";

const SYSTEM_ACCOUNT: AccountRecord = {
  id: SYSTEM_ACCOUNT_ID,
  handle: SYSTEM_HANDLE,
  email: "system@knouds.invalid",
  name: "Knouds examples",
  tier: "enterprise",
  isPlatformAdmin: false,
  passwordHash: null,
  createdAt: 0,
};

export const HELLO_WORLD: Workflow = {
  id: workflowAddress(SYSTEM_HANDLE, "hello-world"),
  slug: "hello-world",
  accountId: SYSTEM_ACCOUNT.id,
  name: "Hello, world",
  description: "Greets whoever you name. Try it with any deployment or admin key.",
  status: "deployed",
  visibility: "public",
  inputSchema: {
    type: "object",
    properties: { name: { type: "string", minLength: 1, maxLength: 100, default: "world" } },
    additionalProperties: false,
  },
  steps: [
    {
      id: "greet",
      model: "knouds/template",
      inputs: { template: { value: "Hello, {{name}}!" }, values: { from: "input" } },
    },
  ],
  outputs: { greeting: { from: "steps.greet.text" } },
  createdAt: 0,
  updatedAt: 0,
};

/** Another instance starting at the same moment may win the insert: that is fine. */
async function createUnlessTaken(create: () => Promise<void>): Promise<void> {
  try {
    await create();
  } catch (error) {
    if (!(error instanceof KnoudsError && error.code === "CONFLICT")) throw error;
  }
}

export async function ensureExampleWorkflow(store: Store): Promise<void> {
  if (!(await store.accounts.findById(SYSTEM_ACCOUNT.id))) {
    await createUnlessTaken(() => store.accounts.create(SYSTEM_ACCOUNT));
  }
  if (!(await store.workflows.findById(HELLO_WORLD.id))) {
    await createUnlessTaken(() => store.workflows.create(HELLO_WORLD));
  }
}
