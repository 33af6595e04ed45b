import type { PGlite } from '@electric-sql/pglite';

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
}

/**
 * Frontend messages of the extended query protocol (Parse, Bind, Describe, Execute, Close, Flush).
 * Between the first of them and the client's Sync, the unnamed statement and portal belong to that
 * client: nobody else may speak on the shared session.
 */
const EXTENDED_PROTOCOL = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((c) => c.charCodeAt(0)));

/**
 * Schedules the wire-protocol messages of every socket client onto PGlite's single session.
 *
 * pglite-socket's own queue keeps a client's transaction together but lets other clients' messages
 * slip in between one client's Parse and its Sync, so two concurrent queries overwrite each other's
 * unnamed statement ("bind message supplies 2 parameters, but prepared statement "" requires 1"),
 * and after one failed message it stops processing for good. This queue owns the session for one
 * client from its first extended-protocol message to its Sync, and for the whole of an explicit
 * transaction, and keeps going after errors.
 */
export class PgliteSessionQueue {
  private readonly queue: QueuedMessage[] = [];
  private processing = false;
  /** The client that holds the session, while `pinned()` says it does. */
  private owner: number | undefined;
  private ownerMidQuery = false;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.process();
    });
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  /** A client went away: drop what it still had queued and release the session if it held it. */
  clearQueueForHandler(handlerId: number): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const item = this.queue[i];
      if (item?.handlerId === handlerId) {
        this.queue.splice(i, 1);
        item.reject(new Error('client disconnected'));
      }
    }
    if (this.owner === handlerId) this.ownerMidQuery = false;
  }

  /** A client went away inside a transaction: roll it back so the others can go on. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    // exec() takes PGlite's query lock itself (wrapping it in runExclusive would deadlock).
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.owner = undefined;
    this.ownerMidQuery = false;
    await this.process();
  }

  private pinned(): boolean {
    return this.owner !== undefined && (this.ownerMidQuery || this.db.isInTransaction());
  }

  private next(): QueuedMessage | undefined {
    if (!this.pinned()) return this.queue.shift();
    const index = this.queue.findIndex((item) => item.handlerId === this.owner);
    return index < 0 ? undefined : this.queue.splice(index, 1)[0];
  }

  private async process(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      for (let item = this.next(); item; item = this.next()) {
        this.owner = item.handlerId;
        this.ownerMidQuery = EXTENDED_PROTOCOL.has(item.message[0] ?? 0);
        await this.execute(item);
      }
    } finally {
      this.processing = false;
    }
  }

  private async execute(item: QueuedMessage): Promise<void> {
    let bytes = 0;
    try {
      await this.db.runExclusive(() =>
        this.db.execProtocolRawStream(item.message, {
          onRawData: (data) => {
            bytes += data.length;
            item.onData(data);
          },
        }),
      );
      item.resolve(bytes);
    } catch (error) {
      item.reject(error);
    }
  }
}
