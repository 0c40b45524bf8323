import { OPERATOR, accountActor } from "../audit/actor.js";
import type { AuditLog } from "../audit/interface.js";
import type { AuditActor, ClientInfo } from "../domain/audit-event.js";
import type { Account, AccountRecord } from "../domain/account.js";
import { normalizeEmail } from "../domain/account.js";
import { KnoudsError, type InputProblem } from "../domain/errors.js";
import { HANDLE_ATTEMPTS, derivedHandle, handleProblem, normalizeHandle } from "../domain/handle.js";
import { newId } from "../domain/ids.js";
import type { Tier } from "../domain/scopes.js";
import { textProblem } from "../domain/text.js";
import { HashingQueue } from "../limits/hashing-queue.js";
import type { Store } from "../store/interface.js";
import { hashPassword, verifyPassword } from "./passwords.js";
import type { RevocationBus } from "./revocation.js";

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{1,63}$/;
export const MIN_PASSWORD_LENGTH = 8;
const MAX_PASSWORD_LENGTH = 256;
/** Checked against when the email is unknown, so sign-in takes as long either way. */
const DECOY_HASH = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

function withoutSecrets(record: AccountRecord): Account {
  const { passwordHash: _hash, ...account } = record;
  return account;
}

export interface NewAccountInput {
  email: string;
  password: string | null;
  /** Chosen handle; derived from the email when absent. */
  handle?: string;
  name?: string;
  tier?: Tier;
  isPlatformAdmin?: boolean;
  /** Who asked (the client address), so the password hashing queues fairly; absent for the operator CLI. */
  clientAddress?: string;
}

/** The hashing line of callers without a client address (the operator CLI). */
const NO_ADDRESS = "none";

export class AccountService {
  constructor(
    private readonly store: Store,
    private readonly bus: RevocationBus,
    private readonly audit: AuditLog,
    private readonly hashing = new HashingQueue(),
  ) {}

  /**
   * Validates and creates an account; CONFLICT when the email or the chosen handle is taken;
   * UNAVAILABLE when too many passwords are waiting to be hashed.
   */
  async create(input: NewAccountInput): Promise<Account> {
    const email = normalizeEmail(input.email);
    const problems: InputProblem[] = [];
    if (!EMAIL.test(email)) problems.push({ path: "email", message: "must be an email address" });
    else {
      const emailIssue = textProblem(email);
      if (emailIssue) problems.push({ path: "email", message: emailIssue });
    }
    if (input.password !== null) {
      if (input.password.length < MIN_PASSWORD_LENGTH) {
        problems.push({ path: "password", message: `must be at least ${MIN_PASSWORD_LENGTH} characters` });
      } else if (input.password.length > MAX_PASSWORD_LENGTH) {
        problems.push({ path: "password", message: `must be at most ${MAX_PASSWORD_LENGTH} characters` });
      }
    }
    const nameIssue = input.name === undefined ? null : textProblem(input.name);
    if (nameIssue) problems.push({ path: "name", message: nameIssue });
    const name = (input.name ?? email.split("@")[0] ?? "").trim().slice(0, 100);
    const chosen = input.handle === undefined ? undefined : normalizeHandle(input.handle);
    const handleIssue = chosen === undefined ? null : handleProblem(chosen);
    if (handleIssue) problems.push({ path: "handle", message: handleIssue });
    if (problems.length > 0) throw KnoudsError.invalidInput(problems);
    const record: AccountRecord = {
      id: newId("acc"),
      handle: chosen ?? derivedHandle(email),
      email,
      name,
      tier: input.tier ?? "free",
      isPlatformAdmin: input.isPlatformAdmin ?? false,
      passwordHash: input.password === null ? null : await this.hash(input.clientAddress ?? NO_ADDRESS, input.password),
      createdAt: Date.now(),
    };
    // A derived handle steps past taken ones; a CONFLICT while the handle is free is the email's.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.store.accounts.create(record);
        return withoutSecrets(record);
      } catch (error) {
        const retry =
          chosen === undefined &&
          attempt < HANDLE_ATTEMPTS &&
          error instanceof KnoudsError &&
          error.code === "CONFLICT" &&
          (await this.store.accounts.findByHandle(record.handle)) !== null;
        if (!retry) throw error;
        record.handle = derivedHandle(email, attempt);
      }
    }
  }

  private hash(clientAddress: string, password: string): Promise<string> {
    return this.hashing.run(clientAddress, () => hashPassword(password));
  }

  /**
   * Returns the account when the password matches; null otherwise (same timing either way).
   * Throws UNAVAILABLE when too many checks are waiting (see limits/hashing-queue.ts).
   */
  async checkPassword(email: string, password: string, clientAddress: string): Promise<Account | null> {
    const record = await this.store.accounts.findByEmail(normalizeEmail(email));
    const stored = record?.passwordHash ?? DECOY_HASH;
    const matches = await this.hashing.run(clientAddress, () => verifyPassword(password.slice(0, MAX_PASSWORD_LENGTH), stored));
    return record?.passwordHash && matches ? withoutSecrets(record) : null;
  }

  /** checkPassword, recorded in the account's audit log (a failure only when the email names an account). */
  async signIn(email: string, password: string, client: ClientInfo): Promise<Account | null> {
    const account = await this.checkPassword(email, password, client.address ?? NO_ADDRESS);
    const known = account ?? (await this.findByEmail(email));
    if (known) {
      this.audit.record({
        type: account ? "account.signed_in" : "account.sign_in_failed",
        accountId: known.id,
        actor: account ? accountActor(account) : { kind: "anonymous" },
        client,
      });
    }
    return account;
  }

  async findById(id: string): Promise<Account | null> {
    const record = await this.store.accounts.findById(id);
    return record ? withoutSecrets(record) : null;
  }

  async findByEmail(email: string): Promise<Account | null> {
    const record = await this.store.accounts.findByEmail(normalizeEmail(email));
    return record ? withoutSecrets(record) : null;
  }

  /**
   * Changes tier or platform-admin flag; every instance re-derives its keys' scopes at once.
   * Each actual change is recorded in the account's audit log as made `by` (the operator CLI
   * unless said otherwise).
   */
  async update(
    id: string,
    changes: { tier?: Tier; isPlatformAdmin?: boolean },
    by: { actor: AuditActor; client?: ClientInfo } = { actor: OPERATOR },
  ): Promise<Account> {
    const before = await this.store.accounts.findById(id);
    const record = before && (await this.store.accounts.update(id, changes));
    if (!before || !record) throw KnoudsError.notFound();
    await this.bus.publish({ kind: "account", accountId: id });
    if (record.tier !== before.tier) {
      this.audit.record({ type: "account.tier_changed", accountId: id, ...by, details: { tier: record.tier, previousTier: before.tier } });
    }
    if (record.isPlatformAdmin !== before.isPlatformAdmin) {
      this.audit.record({
        type: "account.platform_admin_changed",
        accountId: id,
        ...by,
        details: { platformAdmin: record.isPlatformAdmin },
      });
    }
    return withoutSecrets(record);
  }
}
