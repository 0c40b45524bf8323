import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { MissedBroadcastStore } from "../store/interface.js";
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

/** How often a failed broadcast is followed up with "forget everything" until Redis takes it. */
const REBROADCAST_MS = 1000;
/** How often a subscribed instance reads the store's count of broadcasts that failed elsewhere. */
export const MISSED_POLL_MS = 1000;

export interface RedisRevocationBusOptions {
  publisher: Redis;
  /** Null for a process that only publishes (the operator CLI). */
  subscriber: Redis | null;
  channel: string;
  logger: Logger;
  /** Called for each broadcast Redis did not take (for metrics). */
  onBroadcastFailure?: () => void;
  /** The shared count of broadcasts Redis did not take: bumped on failure, polled by `start`. */
  missed?: MissedBroadcastStore;
}

/**
 * Revocations over Redis pub/sub. `publish` delivers to this process first, then resolves
 * once Redis has handed the message to every subscribed instance.
 *
 * An instance that may have missed a message must not answer from its caches: `listening` is
 * false from the moment the subscriber connection closes (or a broadcast of ours fails, which
 * says Redis is in trouble) until the subscription is confirmed again and every cached
 * verification and workflow has been dropped — in that order, so there is no moment where the
 * instance is subscribed but still holds entries from before. Meanwhile callers read the store.
 *
 * Another instance may have stayed subscribed while this one could not publish (a partial
 * outage; or the operator CLI could not reach Redis). So a broadcast Redis did not take is
 * counted in the store (the `publish` call resolves after that write), and every subscribed
 * server reads that count every second, off the request path, dropping all its caches when it
 * moves; it is also followed up, every second until Redis takes it, by a "forget everything"
 * message. The cache lifetime (KNOUDS_KEY_CACHE_TTL_SECONDS; at most 5 s for workflows) remains
 * the bound if the store cannot be written either.
 */
export class RedisRevocationBus implements RevocationBus {
  private readonly local = new LocalRevocationBus();
  private readonly instance = randomUUID();
  private readonly publisher: Redis;
  private readonly subscriber: Redis | null;
  private readonly channel: string;
  private readonly logger: Logger;
  private readonly onBroadcastFailure: () => void;
  /** Only a subscriber confirmed (and followed by dropping every cache) sets it. */
  private confirmed = false;
  /** Bumped on every (re)connection, so a confirmation from an older connection is ignored. */
  private connection = 0;
  private rebroadcast: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly missed: MissedBroadcastStore | undefined;
  private missedSeen: number | null = null;
  private poller: NodeJS.Timeout | null = null;

  constructor({ publisher, subscriber, channel, logger, onBroadcastFailure, missed }: RedisRevocationBusOptions) {
    this.missed = missed;
    this.publisher = publisher;
    this.subscriber = subscriber;
    this.channel = channel;
    this.logger = logger;
    this.onBroadcastFailure = onBroadcastFailure ?? (() => {});
    if (!subscriber) return;
    // On every (re)connection, the first included — an instance that started while Redis was
    // away may have cached things whose change events it never heard — subscribe, and once
    // Redis has registered the subscription (nothing published from then on is missed), drop
    // every cached verification and workflow. The connection does not resubscribe by itself.
    subscriber.on("ready", () => {
      this.connection++;
      this.confirm();
    });
    // "close" comes at once when the socket ends (Redis stopped, connection reset); commands
    // queued meanwhile wait for the next connection, whose "ready" subscribes again.
    subscriber.on("close", () => this.deafen());
    subscriber.on("end", () => this.deafen());
    subscriber.on("message", (from: string, message: string) => {
      if (from !== channel) return;
      const envelope = parseEnvelope(message);
      if (envelope && envelope.from !== this.instance) void this.local.publish(envelope.event);
    });
  }

  get listening(): boolean {
    return this.confirmed || this.subscriber === null;
  }

  /** Servers: reads the count of broadcasts that failed elsewhere now, then every MISSED_POLL_MS. */
  async start(): Promise<void> {
    if (!this.missed || !this.subscriber || this.poller) return;
    this.missedSeen = await this.missed.count().catch(() => null);
    this.poller = setInterval(() => void this.pollMissed(), MISSED_POLL_MS);
    this.poller.unref();
  }

  private async pollMissed(): Promise<void> {
    let count: number;
    try {
      count = await this.missed!.count();
    } catch {
      return;
    }
    if (this.closed) return;
    if (this.missedSeen !== null && count !== this.missedSeen) {
      // The change was written before the count: anything read from the store from now on has it.
      void this.local.publish({ kind: "all" });
      this.logger.info("a change elsewhere was not broadcast over Redis: caches dropped");
    }
    this.missedSeen = count;
  }

  /** Subscribes (again) on the current connection; listening once Redis confirms and every cache is dropped. */
  private confirm(): void {
    const subscriber = this.subscriber!;
    const connection = this.connection;
    subscriber.subscribe(this.channel).then(
      () => {
        if (this.closed || connection !== this.connection || subscriber.status !== "ready") return;
        const wasDeaf = !this.confirmed;
        void this.local.publish({ kind: "all" });
        this.confirmed = true;
        if (wasDeaf) this.logger.info("listening for revocations again: caches dropped, serving from them again");
      },
      (error: Error) => {
        this.logger.warn({ err: error.message }, "could not subscribe to revocations; checking the store on every request until it can");
        // A fresh connection subscribes again on "ready".
        if (!this.closed && connection === this.connection) subscriber.disconnect(true);
      },
    );
  }

  private deafen(): void {
    if (!this.confirmed) return;
    this.confirmed = false;
    // Not needed for correctness (nothing is read from the caches meanwhile, and they are
    // dropped again once listening), but frees them and stops lookups in flight from caching.
    void this.local.publish({ kind: "all" });
    this.logger.warn("not listening for revocations: checking keys, accounts and workflows against the store until resubscribed");
  }

  async publish(event: RevocationEvent): Promise<void> {
    await this.local.publish(event);
    if (await this.broadcast(event)) return;
    this.logger.warn(
      { event: event.kind },
      "revocation not broadcast; counted in the store, whose count every instance reads each second, and re-announced once Redis takes it",
    );
    this.followUp();
    try {
      await this.missed?.bump();
    } catch (error) {
      this.logger.warn(
        { err: (error as Error).message },
        "could not count a revocation that was not broadcast; other instances drop it when their cache entry expires",
      );
    }
  }

  /** True when Redis took the message. */
  private async broadcast(event: RevocationEvent): Promise<boolean> {
    try {
      await this.publisher.publish(this.channel, JSON.stringify({ from: this.instance, event } satisfies Envelope));
      return true;
    } catch {
      this.onBroadcastFailure();
      return false;
    }
  }

  /**
   * After a failed broadcast: this instance reads the store until its subscription is
   * confirmed again, and tells the others to forget everything once Redis takes a message.
   */
  private followUp(): void {
    if (this.subscriber && this.confirmed) {
      this.deafen();
      if (this.subscriber.status === "ready") this.confirm();
    }
    if (this.rebroadcast || this.closed) return;
    this.rebroadcast = setInterval(() => {
      void this.broadcast({ kind: "all" }).then((sent) => {
        if (!sent || !this.rebroadcast) return;
        clearInterval(this.rebroadcast);
        this.rebroadcast = null;
        this.logger.info("told the other instances to drop their caches after a revocation that was not broadcast");
      });
    }, REBROADCAST_MS);
    this.rebroadcast.unref();
  }

  subscribe(listener: (event: RevocationEvent) => void): void {
    this.local.subscribe(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.poller) clearInterval(this.poller);
    if (this.rebroadcast) clearInterval(this.rebroadcast);
    this.rebroadcast = null;
    await this.local.close();
  }
}
