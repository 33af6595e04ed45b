import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Graceful HTTP shutdown that neither cuts requests off nor waits for idle keep-alive sockets.
 * Tracks in-flight requests from the start; on drain: answers every request with
 * `Connection: close`, stops accepting connections after a short grace period, closes sockets as
 * soon as they are idle, and resolves once no request is in flight (so the database closes only
 * after them).
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

  /**
   * Resolves when every in-flight request has ended, or after `timeoutMs` (then cuts the rest).
   * For a short grace period the server still accepts (answering with `Connection: close`): a
   * connection already in the accept queue, or a request still being read, would otherwise be
   * reset — load balancers take a moment to stop routing to a terminating replica.
   */
  async drain(timeoutMs: number, graceMs = Math.min(500, timeoutMs / 4)): Promise<{ cutOff: number }> {
    const deadline = Date.now() + timeoutMs;
    this.draining = true;
    await sleep(graceMs);
    this.server.close();
    // Idle sockets are closed only once nothing is in flight: a socket whose request is still being
    // read looks idle, and closing it would reset that request. Twice in a row, in case a request
    // started on a socket meanwhile.
    let quiet = 0;
    while (quiet < 2 && Date.now() < deadline) {
      if (this.inFlight > 0) {
        quiet = 0;
      } else {
        quiet++;
        this.server.closeIdleConnections();
      }
      await sleep(25);
    }
    const cutOff = this.inFlight;
    this.server.closeAllConnections();
    return { cutOff };
  }
}
