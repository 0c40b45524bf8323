import type { Account, ApiKey } from "./account.js";
import { tierCeiling, type Scope } from "./scopes.js";

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

/**
 * Who acts on workflows and runs: an API key (a KeyPrincipal is one as it is, so the key path
 * makes nothing new), or the account's own signed-in browser session (`key` null), which acts
 * with its tier's ceiling scope on other accounts' workflows and as the owner on its own.
 */
export interface Actor {
  account: Account;
  scope: Scope;
  key: ApiKey | null;
}

/** The actor of a request: its key when one verified (a key sent with a cookie is judged as the key), else its session. */
export function actorOf(caller: Caller): Actor | null {
  if (caller.key) return caller.key;
  return caller.session ? { account: caller.session.account, scope: tierCeiling(caller.session.account.tier), key: null } : null;
}
