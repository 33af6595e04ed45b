import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** What changed in a tenant, for caches built from it (the per-tenant OIDC provider, above all). */
export interface TenantChange {
  tenantId: string;
  /** signing-keys, applications, settings, api-resources, tenant (status, deletion), … */
  what: string;
}

type Listener = (change: TenantChange) => void;

/**
 * Tells every API replica that a tenant's configuration changed, so each drops what it cached.
 * With Redis: pub/sub on one channel. Without (the zero-setup single process): in-process only,
 * which is enough because then the API and the worker share the process.
 * Delivery is best effort: caches must also expire on their own, so a lost message costs
 * staleness for a bounded time, never correctness forever.
 */
export class ChangeBus {
  private readonly local = new EventEmitter();

  private constructor(
    private readonly channel: string,
    private readonly publisher: Redis | undefined,
    private readonly subscriber: Redis | undefined,
    private readonly logger: Logger,
  ) {
    this.local.setMaxListeners(0);
  }

  static inProcess(logger: Logger): ChangeBus {
    return new ChangeBus('', undefined, undefined, logger);
  }

  /** `publisher` is a shared command connection; `subscriber` becomes a dedicated subscriber. */
  static async overRedis(
    publisher: Redis,
    subscriber: Redis,
    prefix: string,
    logger: Logger,
  ): Promise<ChangeBus> {
    const bus = new ChangeBus(`${prefix}tenant-changes`, publisher, subscriber, logger);
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === bus.channel) bus.deliver(message);
    });
    await subscriber.subscribe(bus.channel);
    return bus;
  }

  async publish(change: TenantChange): Promise<void> {
    if (!this.publisher) {
      this.local.emit('change', change);
      return;
    }
    // Also the publishing replica hears it back through the subscription; no local emit needed.
    await this.publisher.publish(this.channel, JSON.stringify(change)).catch((err: unknown) => {
      this.logger.warn({ err, change }, 'could not publish a tenant change; caches expire on their own');
      this.local.emit('change', change);
    });
  }

  subscribe(listener: Listener): () => void {
    this.local.on('change', listener);
    return () => this.local.off('change', listener);
  }

  async close(): Promise<void> {
    this.local.removeAllListeners();
    if (this.subscriber) this.subscriber.disconnect();
  }

  private deliver(message: string): void {
    try {
      const change = JSON.parse(message) as TenantChange;
      if (typeof change.tenantId === 'string' && typeof change.what === 'string')
        this.local.emit('change', change);
    } catch {
      this.logger.warn('ignored a malformed tenant change message');
    }
  }
}
