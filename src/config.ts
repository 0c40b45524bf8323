/**
 * Environment -> typed config, validated once at start. Every variable is listed in docs/configuration.md.
 */
import { isIP } from "node:net";
import { resolve } from "node:path";
import { z } from "zod";

const boolean = z.enum(["true", "false", "1", "0", "yes", "no"]).transform((v) => v === "true" || v === "1" || v === "yes");

const origins = z
  .string()
  .transform((v) =>
    v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.url({ message: "each CORS origin must be a URL such as https://app.example.com" })))
  // Browsers send the bare origin (scheme://host[:port]); compare against that form.
  .transform((urls) => urls.map((url) => new URL(url).origin));

/**
 * Which proxies' X-Forwarded-For to believe: `false`; a hop count (`1`: the address the one
 * load balancer in front saw — a client cannot spoof it by sending the header itself); proxy
 * addresses or CIDR ranges; or `true`, which believes the left-most address anyone wrote.
 */
const trustProxy = z.string().transform((value, ctx): boolean | number | string[] => {
  const v = value.trim();
  if (["false", "no", "0", ""].includes(v)) return false;
  if (["true", "yes"].includes(v)) return true;
  if (/^[1-9][0-9]?$/.test(v)) return Number(v);
  const entries = v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = entries.filter((entry) => {
    const [address = "", bits, ...rest] = entry.split("/");
    const family = isIP(address);
    if (family === 0 || rest.length > 0) return true;
    return bits !== undefined && !(/^[0-9]{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
  });
  if (bad.length > 0) {
    ctx.addIssue({
      code: "custom",
      message: `must be false, true, a hop count, or proxy addresses/CIDR ranges (not: ${bad.join(", ")})`,
    });
    return z.NEVER;
  }
  return entries;
});

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  KNOUDS_DATA_DIR: z.string().min(1).default("./data"),
  KNOUDS_SECRET: z.string().min(32, "KNOUDS_SECRET must be at least 32 characters (try: openssl rand -hex 32)").optional(),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\/.+/, "MONGODB_URI must start with mongodb:// or mongodb+srv://")
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/.+/, "REDIS_URL must start with redis:// or rediss://")
    .optional(),
  KNOUDS_REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]{1,64}$/, "KNOUDS_REDIS_PREFIX may hold letters, digits and : _ . - (at most 64)")
    .default("knouds:"),
  KNOUDS_FAILED_AUTH_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(100),
  KNOUDS_CORS_ORIGINS: origins.default([]),
  KNOUDS_SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 365)
    .default(24 * 7),
  // `auto`: Secure exactly when the request came over HTTPS (behind a proxy: see KNOUDS_TRUST_PROXY).
  KNOUDS_COOKIE_SECURE: z.union([z.literal("auto"), boolean]).default("auto"),
  KNOUDS_KEY_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  KNOUDS_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
  KNOUDS_TRUST_PROXY: trustProxy.default(false),
  KNOUDS_SQLITE_SYNCHRONOUS: z.enum(["full", "normal"]).default("full"),
  KNOUDS_MODELS_FILE: z.string().min(1).optional(),
  KNOUDS_GRAPHQL_INTROSPECTION: boolean.default(true),
  KNOUDS_METRICS_TOKEN: z
    .string()
    .min(16, "KNOUDS_METRICS_TOKEN must be at least 16 characters")
    .max(256, "KNOUDS_METRICS_TOKEN must be at most 256 characters")
    // What a header can carry after "Bearer ": a token with a space or a control character could never be sent.
    .regex(/^[\x21-\x7e]+$/, "KNOUDS_METRICS_TOKEN may hold only printable ASCII without spaces (try: openssl rand -hex 32)")
    .optional(),
  KNOUDS_RUN_TIMEOUT_SECONDS: z.coerce.number().positive().max(3600).default(60),
  // How often usage counts and audit events are written from memory to the store, in batches.
  KNOUDS_EVENTS_FLUSH_MS: z.coerce.number().int().min(50).max(60_000).default(5000),
  KNOUDS_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(365),
  KNOUDS_RUN_RETENTION_DAYS: z.coerce
    .number()
    .int("KNOUDS_RUN_RETENTION_DAYS must be a whole number of days (0 keeps runs forever)")
    .min(0, "KNOUDS_RUN_RETENTION_DAYS must be 0 (keep forever) or more")
    .max(36_500, "KNOUDS_RUN_RETENTION_DAYS must be at most 36500 (0 keeps runs forever)")
    .default(30),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  sqliteFile: string;
  /** How SQLite commits: `full` survives power loss, `normal` only a killed process. */
  sqliteSynchronous: "full" | "normal";
  secret: string | undefined;
  mongodbUri: string | undefined;
  redisUrl: string | undefined;
  redisPrefix: string;
  failedAuthPerMinute: number;
  corsOrigins: string[];
  sessionTtlMs: number;
  cookieSecure: boolean | "auto";
  keyCacheTtlMs: number;
  bodyLimitBytes: number;
  /** Fastify's trustProxy: false, true, a hop count, or trusted proxy addresses/ranges. */
  trustProxy: boolean | number | string[];
  modelsFile: string | undefined;
  runTimeoutMs: number;
  /** How long a run is kept after it started; null keeps runs forever. */
  runRetentionMs: number | null;
  graphqlIntrospection: boolean;
  metricsToken: string | undefined;
  /** How often usage counts and audit events are flushed to the store. */
  eventsFlushMs: number;
  /** How long audit events are kept before they are pruned. */
  auditRetentionMs: number;
  logLevel: z.infer<typeof EnvSchema>["LOG_LEVEL"];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Reads the environment once; throws ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  const e = parsed.data;
  const dataDir = resolve(e.KNOUDS_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    sqliteFile: resolve(dataDir, "knouds.db"),
    sqliteSynchronous: e.KNOUDS_SQLITE_SYNCHRONOUS,
    secret: e.KNOUDS_SECRET,
    mongodbUri: e.MONGODB_URI,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.KNOUDS_REDIS_PREFIX,
    failedAuthPerMinute: e.KNOUDS_FAILED_AUTH_PER_MINUTE,
    corsOrigins: e.KNOUDS_CORS_ORIGINS,
    sessionTtlMs: e.KNOUDS_SESSION_TTL_HOURS * 3600_000,
    cookieSecure: e.KNOUDS_COOKIE_SECURE,
    keyCacheTtlMs: e.KNOUDS_KEY_CACHE_TTL_SECONDS * 1000,
    bodyLimitBytes: e.KNOUDS_BODY_LIMIT_BYTES,
    trustProxy: e.KNOUDS_TRUST_PROXY,
    modelsFile: e.KNOUDS_MODELS_FILE === undefined ? undefined : resolve(e.KNOUDS_MODELS_FILE),
    runTimeoutMs: e.KNOUDS_RUN_TIMEOUT_SECONDS * 1000,
    runRetentionMs: e.KNOUDS_RUN_RETENTION_DAYS === 0 ? null : e.KNOUDS_RUN_RETENTION_DAYS * 86_400_000,
    graphqlIntrospection: e.KNOUDS_GRAPHQL_INTROSPECTION,
    metricsToken: e.KNOUDS_METRICS_TOKEN,
    eventsFlushMs: e.KNOUDS_EVENTS_FLUSH_MS,
    auditRetentionMs: e.KNOUDS_AUDIT_RETENTION_DAYS * 86_400_000,
    logLevel: e.LOG_LEVEL,
  };
}
