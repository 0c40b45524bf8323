/**
 * Operator commands against the configured store (same env as the server):
 *
 *   npm run cli -- create-account --email a@b.c [--password-stdin] [--handle ab] [--tier pro] [--platform-admin]
 *   npm run cli -- set-tier --email a@b.c --tier business
 *   npm run cli -- grant-platform-admin --email a@b.c
 *   npm run cli -- audit --email a@b.c [--limit 100]
 *   npm run cli -- check-key < key.txt        (offline: see check-key.ts)
 *   npm run cli -- backup --to FILE / restore --from FILE   (src/cli/backup-restore.ts)
 *   npm run cli -- rotate-secret              (src/cli/rotate-secret.ts)
 *
 * `grant-platform-admin` is how the first platform administrator is made. create-account asks
 * for the password at a prompt that does not echo, or reads it from stdin with --password-stdin.
 */
import { parseArgs } from "node:util";
import { BufferedAuditLog } from "./audit/buffered.js";
import { AccountService } from "./auth/accounts.js";
import { checkKeyCommand } from "./check-key.js";
import { promptNewPassword, readPasswordFromStdin } from "./cli/secrets.js";
import { LocalRevocationBus, type RevocationBus } from "./auth/revocation.js";
import { RedisRevocationBus } from "./auth/revocation-redis.js";
import { BACKUP_RESTORE_COMMANDS, BACKUP_RESTORE_USAGE, runBackupRestore } from "./cli/backup-restore.js";
import { ROTATE_SECRET_USAGE, runRotateSecret } from "./cli/rotate-secret.js";
import { loadConfig } from "./config.js";
import { KnoudsError } from "./domain/errors.js";
import { isTier, TIERS, type Tier } from "./domain/scopes.js";
import { connectRedis, waitForRedis } from "./redis/connection.js";
import { createLogger, openStore } from "./open.js";

const USAGE = `usage:
  knouds create-account --email EMAIL [--password-stdin] [--name NAME] [--handle HANDLE] [--tier ${TIERS.join("|")}] [--platform-admin]
      the password is asked for without echo; --password-stdin reads it from stdin instead
      (printf '%s' "$PASSWORD" | knouds create-account ... --password-stdin)
  knouds set-tier --email EMAIL --tier ${TIERS.join("|")}
  knouds grant-platform-admin --email EMAIL
  knouds revoke-platform-admin --email EMAIL
  knouds audit --email EMAIL [--limit N]     the account's audit log, newest first, one JSON event per line
${BACKUP_RESTORE_USAGE}
${ROTATE_SECRET_USAGE}
  knouds check-key [VALUE | -]   (offline; without VALUE, reads it from stdin)`;

/** The most events `audit` prints unless --limit says otherwise. */
const DEFAULT_AUDIT_LINES = 100;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function tierOption(value: string | undefined): Tier | undefined {
  if (value === undefined) return undefined;
  if (!isTier(value)) fail(`--tier must be one of ${TIERS.join(", ")}`);
  return value;
}

/**
 * The new account's password: --password-stdin, else a prompt on a terminal, else none (the
 * account cannot sign in). --password still works for old scripts, with a warning.
 */
async function passwordFor(values: { password?: string; "password-stdin"?: boolean }): Promise<string | null> {
  if (values.password !== undefined) {
    if (values["password-stdin"]) fail("give --password-stdin or --password, not both");
    console.error("warning: --password leaves the password in shell history and `ps`; use the prompt or --password-stdin");
    return values.password;
  }
  if (values["password-stdin"]) return readPasswordFromStdin();
  if (process.stdin.isTTY) return promptNewPassword().catch((error: Error) => fail(error.message));
  console.error("no password given (no terminal, no --password-stdin): the account cannot sign in");
  return null;
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  // Before any configuration or store: check-key never touches the database.
  if (command === "check-key") process.exit(await checkKeyCommand(rest));
  const storeCommand = BACKUP_RESTORE_COMMANDS.find((c) => c === command);
  if (storeCommand) return runBackupRestore(storeCommand, rest);
  if (command === "rotate-secret") return runRotateSecret(rest);
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: "string" },
      password: { type: "string" },
      "password-stdin": { type: "boolean", default: false },
      name: { type: "string" },
      handle: { type: "string" },
      tier: { type: "string" },
      "platform-admin": { type: "boolean", default: false },
      limit: { type: "string" },
    },
  });
  if (!command || !values.email) fail(USAGE);
  const password = command === "create-account" ? await passwordFor(values) : null;
  const config = loadConfig();
  const store = await openStore(config);
  // Running servers learn of tier and admin changes at once through Redis when REDIS_URL is
  // set (those that cannot reach Redis check the store meanwhile), or within
  // KNOUDS_KEY_CACHE_TTL_SECONDS otherwise.
  const redis = config.redisUrl ? connectRedis({ url: config.redisUrl, logger: createLogger("warn"), role: "cli" }) : null;
  if (redis && !(await waitForRedis(redis, 2000)))
    console.error(
      "Redis did not answer: servers that cannot reach it either check the store and see the change at once; the others within about a second (they poll the store for changes not broadcast)",
    );
  const bus: RevocationBus = redis
    ? new RedisRevocationBus({
        publisher: redis,
        subscriber: null,
        channel: `${config.redisPrefix}revocations`,
        logger: createLogger("warn"),
        missed: store.missedBroadcasts,
      })
    : new LocalRevocationBus();
  // Changes made here are recorded as the operator's; written when the command ends.
  const audit = new BufferedAuditLog({
    store: store.audit,
    logger: createLogger("warn"),
    retentionMs: config.auditRetentionMs,
    flushMs: 0,
  });
  const accounts = new AccountService(store, bus, audit);
  try {
    if (command === "create-account") {
      const account = await accounts.create({
        email: values.email,
        password,
        name: values.name,
        handle: values.handle,
        tier: tierOption(values.tier),
        isPlatformAdmin: values["platform-admin"],
      });
      console.log(JSON.stringify(account));
      return;
    }
    const account = await accounts.findByEmail(values.email);
    if (!account) fail(`no account with email ${values.email}`);
    switch (command) {
      case "set-tier": {
        const tier = tierOption(values.tier) ?? fail("--tier is required");
        console.log(JSON.stringify(await accounts.update(account.id, { tier })));
        break;
      }
      case "grant-platform-admin":
        console.log(JSON.stringify(await accounts.update(account.id, { isPlatformAdmin: true })));
        break;
      case "revoke-platform-admin":
        console.log(JSON.stringify(await accounts.update(account.id, { isPlatformAdmin: false })));
        break;
      case "audit": {
        const limit = values.limit === undefined ? DEFAULT_AUDIT_LINES : Number(values.limit);
        if (!Number.isInteger(limit) || limit < 1) fail("--limit must be a positive whole number");
        for (const event of await audit.list({ accountId: account.id, limit })) console.log(JSON.stringify(event));
        break;
      }
      default:
        fail(USAGE);
    }
  } catch (error) {
    if (error instanceof KnoudsError) fail(`${error.code}: ${error.message} ${JSON.stringify(error.facts)}`);
    throw error;
  } finally {
    await audit.close();
    redis?.disconnect();
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
