import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { LocalRevocationBus, type RevocationBus, type RevocationEvent } from "./revocation.js";

interface Envelope {
  from: string;
  event: RevocationEvent;
}

function isEvent(value: unknown): value is RevocationEvent {
  if (!value || typeof value !== "object") return false;
  const event = value as Record<string, unknown>;
  switch (event.kind) {
    case "key":
      return typeof event.keyId === "string" && typeof event.digest === "string";
    case "account":
      return typeof event.accountId === "string";
    case "workflow":
      return typeof event.workflowId === "string";
    case "all":
      return true;
    default:
      return false;
  }
}

function parseEnvelope(message: string): Envelope | null {
  try {
    const parsed = JSON.parse(message) as Partial<Envelope>;
    return typeof parsed.from === "string" && isEvent(parsed.event) ? (parsed as Envelope) : null;
  } catch {
    return null;
  }
}

/**
 * Revocations over Redis pub/sub. `publish` delivers to this process first, then resolves
 * once Redis has handed the message to every subscribed instance. When the subscriber comes
 * (back), events may have been missed, so every cached verification and workflow is dropped.
 * If Redis cannot take a message, other instances still drop it when their cache entry
 * expires (KNOUDS_KEY_CACHE_TTL_SECONDS; at most 5 s for workflows).
 */
export class RedisRevocationBus implements RevocationBus {
  private readonly local = new LocalRevocationBus();
  private readonly instance = randomUUID();

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis | null,
    private readonly channel: string,
    private readonly logger: Logger,
  ) {
    if (!subscriber) return;
    // On every (re)connection, the first included — an instance that started while Redis was
    // away may have cached things whose change events it never heard — subscribe, and once
    // Redis has registered the subscription (nothing published from then on is missed), drop
    // every cached verification and workflow. The connection does not resubscribe by itself.
    subscriber.on("ready", () => {
      subscriber.subscribe(channel).then(
        () => this.local.publish({ kind: "all" }),
        (error: Error) => logger.warn({ err: error.message }, "could not subscribe to revocations; relying on the cache lifetime"),
      );
    });
    subscriber.on("message", (from: string, message: string) => {
      if (from !== channel) return;
      const envelope = parseEnvelope(message);
      if (envelope && envelope.from !== this.instance) void this.local.publish(envelope.event);
    });
  }

  async publish(event: RevocationEvent): Promise<void> {
    await this.local.publish(event);
    try {
      await this.publisher.publish(this.channel, JSON.stringify({ from: this.instance, event } satisfies Envelope));
    } catch (error) {
      this.logger.warn(
        { err: (error as Error).message, event: event.kind },
        "revocation not broadcast; other instances drop it when their cache entry expires",
      );
    }
  }

  subscribe(listener: (event: RevocationEvent) => void): void {
    this.local.subscribe(listener);
  }

  async close(): Promise<void> {
    await this.local.close();
  }
}
