/** Shortcuts the tests share: accounts on a tier, platform admins, keys. */
import { randomUUID } from "node:crypto";
import type { Scope, Tier } from "../../src/domain/scopes.js";
import type { TestServer } from "./server.js";
import { Client } from "./client.js";
import { CreateApiKey, SignUp } from "./operations.js";

export interface SignedIn {
  client: Client;
  accountId: string;
  /** The account's namespace: its workflows are `handle/slug`. */
  handle: string;
  email: string;
}

/** Signs up over GraphQL, then sets tier / platform admin the way an operator would (CLI service). */
export async function signUp(
  server: TestServer,
  options: { tier?: Tier; platformAdmin?: boolean; handle?: string } = {},
): Promise<SignedIn> {
  const client = new Client(server.url);
  const email = `user-${randomUUID()}@example.com`;
  const result = await client.graphql(SignUp, { input: { email, password: "correct horse battery", handle: options.handle } });
  if (!result.data) throw new Error(`signUp failed: ${result.text}`);
  const { id: accountId, handle } = result.data.signUp;
  if (options.tier || options.platformAdmin) {
    await server.server.services.accounts.update(accountId, {
      tier: options.tier,
      isPlatformAdmin: options.platformAdmin,
    });
  }
  return { client, accountId, handle, email };
}

/** Creates a key through the API and returns its id and value. */
export async function createKey(owner: Pick<SignedIn, "client">, scope?: Scope, name = "test key"): Promise<{ id: string; value: string }> {
  const result = await owner.client.graphql(CreateApiKey, { input: { name, scope } });
  if (!result.data) throw new Error(`createApiKey failed: ${result.text}`);
  return { id: result.data.createApiKey.apiKey.id, value: result.data.createApiKey.value };
}
