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
 * `help` prints the usage. A refusal is printed as sentences on stderr, one line per problem,
 * with exit code 2 (src/cli/command-line.ts); times print in ISO 8601 and audit events under
 * the names the API and the docs use.
 */
import { BufferedAuditLog } from "./audit/buffered.js";
import { AccountService } from "./auth/accounts.js";
import { CHECK_KEY_USAGE, checkKeyCommand } from "./check-key.js";
import { CLI, DEPLOYED_CLI, fail, type OptionSpec, type Options, parseOptions, refusalLines } from "./cli/command-line.js";
import { nearest } from "./cli/suggest.js";
import type { Account } from "./domain/account.js";
import { type AuditEvent, auditActorKindName, auditEventTypeName } from "./domain/audit-event.js";
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

/** Each store command, its options and its usage line (after `npm run cli --`). */
const STORE_COMMANDS = {
  "create-account": {
    options: {
      email: "string",
      "password-stdin": "boolean",
      password: "string",
      name: "string",
      handle: "string",
      tier: "string",
      "platform-admin": "boolean",
    },
    usage: `create-account --email EMAIL [--password-stdin] [--name NAME] [--handle HANDLE] [--tier ${TIERS.join("|")}] [--platform-admin]`,
  },
  "set-tier": { options: { email: "string", tier: "string" }, usage: `set-tier --email EMAIL --tier ${TIERS.join("|")}` },
  "grant-platform-admin": { options: { email: "string" }, usage: "grant-platform-admin --email EMAIL" },
  "revoke-platform-admin": { options: { email: "string" }, usage: "revoke-platform-admin --email EMAIL" },
  audit: { options: { email: "string", limit: "string" }, usage: "audit --email EMAIL [--limit N]" },
} as const satisfies Record<string, { options: OptionSpec; usage: string }>;
type StoreCommand = keyof typeof STORE_COMMANDS;

const HELP = ["help", "--help", "-h"];
const COMMANDS = [...Object.keys(STORE_COMMANDS), ...BACKUP_RESTORE_COMMANDS, "rotate-secret", "check-key", "help"];

const USAGE = `usage: ${CLI} COMMAND [OPTIONS]
  (on a deployed server, without npm: ${DEPLOYED_CLI} COMMAND [OPTIONS]; in scripts, npm run --silent cli -- … keeps npm's banner off stdout)

commands:
  ${STORE_COMMANDS["create-account"].usage}
      the password is asked for without echo; --password-stdin reads it from stdin instead:
      printf '%s' "$PASSWORD" | ${CLI} create-account --email EMAIL --password-stdin
  ${STORE_COMMANDS["set-tier"].usage}
  ${STORE_COMMANDS["grant-platform-admin"].usage}
  ${STORE_COMMANDS["revoke-platform-admin"].usage}
  ${STORE_COMMANDS.audit.usage}
      the account's audit log, newest first, one JSON event per line
${BACKUP_RESTORE_USAGE}
${ROTATE_SECRET_USAGE}
  ${CHECK_KEY_USAGE}`;

/** Where create-account's input problems came from: the option, or how the password was given. */
const ACCOUNT_INPUT_LABELS = { email: "--email", name: "--name", handle: "--handle", password: "the password" };

/** An account as one JSON line, its time in ISO 8601 (UTC) as the API gives it. */
function accountLine(account: Account): string {
  return JSON.stringify({ ...account, createdAt: new Date(account.createdAt).toISOString() });
}

/**
 * An audit event as one JSON line with the fields, names and times of the API's `AuditEvent`:
 * `KEY_DELETED`, actor kind `OPERATOR`, `at` in ISO 8601 (UTC).
 */
function auditEventLine(event: AuditEvent): string {
  const actor = event.actor;
  return JSON.stringify({
    id: event.id,
    type: auditEventTypeName(event.type),
    at: new Date(event.at).toISOString(),
    actor: {
      kind: auditActorKindName(actor.kind),
      accountId: actor.kind === "account" ? actor.accountId : null,
      email: actor.kind === "account" ? actor.email : null,
      platformAdmin: actor.kind === "account" && actor.platformAdmin,
    },
    keyId: event.key?.id ?? null,
    keyName: event.key?.name ?? null,
    details: event.details,
    client: event.client,
  });
}

/** The most events `audit` prints unless --limit says otherwise. */
const DEFAULT_AUDIT_LINES = 100;

function tierOption(value: string | undefined): Tier | undefined {
  if (value === undefined) return undefined;
  if (!isTier(value)) fail(`--tier: must be one of ${TIERS.join(", ")} (not "${value}")`);
  return value;
}

/**
 * The new account's password: --password-stdin, else a prompt on a terminal, else none (the
 * account cannot sign in). --password still works for old scripts, with a warning.
 */
async function passwordFor(options: Options): Promise<string | null> {
  const given = options.text("password");
  if (given !== undefined) {
    if (options.flag("password-stdin")) fail("give --password-stdin or --password, not both");
    console.error("warning: --password leaves the password in shell history and `ps`; use the prompt or --password-stdin");
    return given;
  }
  if (options.flag("password-stdin")) {
    const password = await readPasswordFromStdin();
    if (password === "") {
      fail(
        "nothing on stdin: --password-stdin reads the password from stdin, " +
          `as in printf '%s' "$PASSWORD" | ${CLI} create-account --email EMAIL --password-stdin (without --password-stdin, a terminal asks for it)`,
      );
    }
    return password;
  }
  if (process.stdin.isTTY) return promptNewPassword().catch((error: Error) => fail(error.message));
  console.error("no password given (no terminal, no --password-stdin): the account cannot sign in");
  return null;
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command !== undefined && HELP.includes(command)) {
    console.log(USAGE);
    return;
  }
  // Before any configuration or store: check-key never touches the database.
  if (command === "check-key") process.exit(await checkKeyCommand(rest));
  const storeCommand = BACKUP_RESTORE_COMMANDS.find((c) => c === command);
  if (storeCommand) return runBackupRestore(storeCommand, rest);
  if (command === undefined || command.startsWith("-")) fail(USAGE);
  if (command === "rotate-secret") return runRotateSecret(rest);
  if (!Object.hasOwn(STORE_COMMANDS, command)) {
    const near = nearest(command, COMMANDS);
    fail(
      `unknown command ${command}; ${near ? `did you mean ${near}?` : `the commands are ${COMMANDS.join(", ")}`}`,
      `(${CLI} help shows them all)`,
    );
  }
  const { usage } = STORE_COMMANDS[command as StoreCommand];
  const options = parseOptions(command, rest, STORE_COMMANDS[command as StoreCommand].options, usage);
  const email = options.text("email") ?? fail("--email is required", `usage: ${CLI} ${usage}`);
  const password = command === "create-account" ? await passwordFor(options) : null;
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
        email,
        password,
        name: options.text("name"),
        handle: options.text("handle"),
        tier: tierOption(options.text("tier")),
        isPlatformAdmin: options.flag("platform-admin"),
      });
      console.log(accountLine(account));
      return;
    }
    const account = (await accounts.findByEmail(email)) ?? fail(`no account has the email ${email}`);
    switch (command) {
      case "set-tier": {
        const tier = tierOption(options.text("tier")) ?? fail("--tier is required", `usage: ${CLI} ${usage}`);
        console.log(accountLine(await accounts.update(account.id, { tier })));
        break;
      }
      case "grant-platform-admin":
        console.log(accountLine(await accounts.update(account.id, { isPlatformAdmin: true })));
        break;
      case "revoke-platform-admin":
        console.log(accountLine(await accounts.update(account.id, { isPlatformAdmin: false })));
        break;
      case "audit": {
        const given = options.text("limit");
        const limit = given === undefined ? DEFAULT_AUDIT_LINES : Number(given);
        if (!Number.isInteger(limit) || limit < 1) fail(`--limit: must be a positive whole number (not "${given}")`);
        for (const event of await audit.list({ accountId: account.id, limit })) console.log(auditEventLine(event));
        break;
      }
    }
  } catch (error) {
    if (error instanceof KnoudsError) fail(...refusalLines(error, ACCOUNT_INPUT_LABELS));
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
