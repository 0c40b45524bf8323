import { createHash, randomBytes } from "node:crypto";
import type { Account } from "../domain/account.js";
import type { Store } from "../store/interface.js";

export const SESSION_COOKIE = "knouds_session";

function digestToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Browser sessions: a random token in an HttpOnly cookie, stored only as its SHA-256 digest. */
export class SessionService {
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly store: Store,
    private readonly ttlMs: number,
  ) {
    // Expired sessions are already refused on lookup; this only keeps the table small.
    this.sweeper = setInterval(() => void this.store.sessions.deleteExpired(Date.now()).catch(() => {}), 3600_000);
    this.sweeper.unref();
  }

  /** Returns the cookie token; the caller sets it and forgets it. */
  async start(accountId: string): Promise<{ token: string; expiresAt: number }> {
    const token = randomBytes(32).toString("base64url");
    const now = Date.now();
    const expiresAt = now + this.ttlMs;
    await this.store.sessions.create({ digest: digestToken(token), accountId, createdAt: now, expiresAt });
    return { token, expiresAt };
  }

  /** Returns null for absent, unknown or expired tokens; never throws for bad input. */
  async resolve(token: string | undefined): Promise<{ account: Account; digest: string } | null> {
    if (!token || token.length > 100) return null;
    const digest = digestToken(token);
    const record = await this.store.sessions.accountFor(digest, Date.now());
    if (!record) return null;
    const { passwordHash: _hash, ...account } = record;
    return { account, digest };
  }

  async end(digest: string): Promise<void> {
    await this.store.sessions.delete(digest);
  }

  close(): void {
    clearInterval(this.sweeper);
  }
}
