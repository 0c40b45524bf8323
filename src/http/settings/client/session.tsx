/**
 * The signed-in account, loaded once by the app (the Me query) and given to every page. A
 * visitor without a session goes to sign-in if this browser has signed in before, to sign-up
 * otherwise (signedInBefore, a hint kept in localStorage).
 */
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { MeQuery } from "./gql/graphql.js";

export type Me = MeQuery;
export type Account = NonNullable<MeQuery["viewer"]>["account"];

export interface Session {
  me: Me;
  account: Account;
  /** Loads the account again (after a change to it). */
  reload: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);
export const SessionProvider = SessionContext.Provider;

/** The session of a signed-in page (every route but sign-in and sign-up). */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession: this page is shown without a session");
  return session;
}

const SIGNED_IN_BEFORE = "knouds:signed-in-before";

/** Whether this browser has signed in (or signed up) before. A hint only; a browser that refuses storage counts as new. */
export function signedInBefore(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN_BEFORE) === "yes";
  } catch {
    return false;
  }
}

export function rememberSignedIn(): void {
  try {
    localStorage.setItem(SIGNED_IN_BEFORE, "yes");
  } catch {
    // Storage refused: the next visit starts at sign-up, which links to sign-in.
  }
}

/** Where a visitor without a session goes. */
export function signInPath(): string {
  return signedInBefore() ? "/sign-in" : "/sign-up";
}
