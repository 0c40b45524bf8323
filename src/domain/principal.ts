import type { Account, ApiKey } from "./account.js";
import type { Scope } from "./scopes.js";

/** A request authenticated by an `x-api-key`, with the scope it acts with right now. */
export interface KeyPrincipal {
  key: ApiKey;
  account: Account;
  scope: Scope;
}

/** Who is calling: by API key, by browser session, both, or neither. */
export interface Caller {
  key: KeyPrincipal | null;
  /** The signed-in account of the session cookie, if any. */
  session: { account: Account; digest: string } | null;
}
