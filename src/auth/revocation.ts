/**
 * Events that make cached copies stale: key verifications (KeyVerifier listens) and workflows
 * (WorkflowService listens). Services publish them after a write. The local bus reaches this
 * process only; with REDIS_URL the Redis bus carries them to every instance.
 */
export type RevocationEvent =
  | { kind: "key"; keyId: string; digest: string }
  | { kind: "account"; accountId: string }
  /** A workflow was created, changed or deleted: drop its cached copy. */
  | { kind: "workflow"; workflowId: string }
  /** Events may have been missed (the bus was cut off): forget every cached verification. */
  | { kind: "all" };

export interface RevocationBus {
  /**
   * False while events from other instances may be missed (the subscription is down, or a
   * broadcast failed and the subscription is being checked): callers must then read the store
   * instead of their caches. Turns true again only after every cache has been dropped.
   */
  readonly listening: boolean;
  /** Delivers to this process's listeners before resolving, then to other instances. */
  publish(event: RevocationEvent): Promise<void>;
  subscribe(listener: (event: RevocationEvent) => void): void;
  close(): Promise<void>;
}

export class LocalRevocationBus implements RevocationBus {
  readonly listening = true;
  private readonly listeners: Array<(event: RevocationEvent) => void> = [];

  async publish(event: RevocationEvent): Promise<void> {
    for (const listener of this.listeners) listener(event);
  }

  subscribe(listener: (event: RevocationEvent) => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {}
}
