import type { Account, AccountRecord } from "../domain/account.js";
import { normalizeEmail } from "../domain/account.js";
import { KnoudsError, type InputProblem } from "../domain/errors.js";
import { newId } from "../domain/ids.js";
import type { Tier } from "../domain/scopes.js";
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
  name?: string;
  tier?: Tier;
  isPlatformAdmin?: boolean;
  /** Who asked (the client address), so the password hashing queues fairly; absent for the operator CLI. */
  clientAddress?: string;
}

/** Whose line the operator's own account creations wait in. */
const OPERATOR = "operator";

export class AccountService {
  constructor(
    private readonly store: Store,
    private readonly bus: RevocationBus,
    private readonly hashing = new HashingQueue(),
  ) {}

  /** Validates and creates an account; CONFLICT when the email is taken; UNAVAILABLE when hashing is saturated. */
  async create(input: NewAccountInput): Promise<Account> {
    const email = normalizeEmail(input.email);
    const problems: InputProblem[] = [];
    if (!EMAIL.test(email)) problems.push({ path: "email", message: "must be an email address" });
    if (input.password !== null) {
      if (input.password.length < MIN_PASSWORD_LENGTH) {
        problems.push({ path: "password", message: `must be at least ${MIN_PASSWORD_LENGTH} characters` });
      } else if (input.password.length > MAX_PASSWORD_LENGTH) {
        problems.push({ path: "password", message: `must be at most ${MAX_PASSWORD_LENGTH} characters` });
      }
    }
    const name = (input.name ?? email.split("@")[0] ?? "").trim().slice(0, 100);
    if (problems.length > 0) throw KnoudsError.invalidInput(problems);
    const record: AccountRecord = {
      id: newId("acc"),
      email,
      name,
      tier: input.tier ?? "free",
      isPlatformAdmin: input.isPlatformAdmin ?? false,
      passwordHash: input.password === null ? null : await this.hash(input.clientAddress ?? OPERATOR, input.password),
      createdAt: Date.now(),
    };
    await this.store.accounts.create(record);
    return withoutSecrets(record);
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
    return record && record.passwordHash && matches ? withoutSecrets(record) : null;
  }

  async findById(id: string): Promise<Account | null> {
    const record = await this.store.accounts.findById(id);
    return record ? withoutSecrets(record) : null;
  }

  async findByEmail(email: string): Promise<Account | null> {
    const record = await this.store.accounts.findByEmail(normalizeEmail(email));
    return record ? withoutSecrets(record) : null;
  }

  /** Changes tier or platform-admin flag; every instance re-derives its keys' scopes at once. */
  async update(id: string, changes: { tier?: Tier; isPlatformAdmin?: boolean }): Promise<Account> {
    const record = await this.store.accounts.update(id, changes);
    if (!record) throw KnoudsError.notFound();
    await this.bus.publish({ kind: "account", accountId: id });
    return withoutSecrets(record);
  }
}
