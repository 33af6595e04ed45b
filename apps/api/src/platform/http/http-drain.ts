import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Graceful HTTP shutdown that neither cuts requests off nor waits for idle keep-alive sockets.
 * Tracks in-flight requests from the start; on drain: stops accepting connections, answers every
 * request still arriving on open sockets with `Connection: close`, closes sockets as soon as they
 * are idle, and resolves once no request is in flight (so the database closes only after them).
 */
export class HttpDrain {
  private inFlight = 0;
  private draining = false;

  constructor(private readonly server: Server) {
    server.on('request', (_req, res) => {
      this.inFlight++;
      if (this.draining) res.setHeader('connection', 'close');
      res.once('close', () => {
        this.inFlight--;
      });
    });
  }

  /** Resolves when every in-flight request has ended, or after `timeoutMs` (then cuts the rest). */
  async drain(timeoutMs: number): Promise<{ cutOff: number }> {
    this.draining = true;
    this.server.close();
    const deadline = Date.now() + timeoutMs;
    while (this.inFlight > 0 && Date.now() < deadline) {
      this.server.closeIdleConnections();
      await sleep(25);
    }
    const cutOff = this.inFlight;
    this.server.closeAllConnections();
    return { cutOff };
  }
}
