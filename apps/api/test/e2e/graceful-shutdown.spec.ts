import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatchkeyProcess } from '../support/api-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { ManagementFixture } from '../support/management.js';
import { freePort } from '../support/ports.js';

/**
 * SIGTERM under load: requests in flight finish with their real answers, idle keep-alive sockets do
 * not hold the exit up, and nothing touches the database after it is closed.
 */
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('shutdown');
});

afterAll(async () => {
  await db?.drop();
});

function request(
  agent: http.Agent,
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
) {
  let sent!: () => void;
  const written = new Promise<void>((resolve) => {
    sent = resolve;
  });
  const answered = new Promise<{ status: number; connection?: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
    });
    req.on('error', reject);
    req.on('finish', () => sent());
    req.end(body);
  });
  return { written, answered };
}

describe('graceful shutdown', () => {
  it('finishes in-flight requests and exits promptly despite keep-alive connections', async () => {
    const port = await freePort();
    const api = await LatchkeyProcess.startApi({ DATABASE_URL: db.url }, port);
    const fixture = ManagementFixture.open(db.url, api.baseUrl);
    try {
      await fixture.tenantWithClient('drain');
      const apiKey = await fixture.apiKeyFor('drain');
      const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
      // Idle keep-alive sockets, as a load balancer or browser keeps them.
      await Promise.all(
        Array.from({ length: 4 }, () => request(agent, port, 'GET', '/healthz', {}).answered),
      );

      const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
      // The requests in flight use connections of their own: a request still on its way over an
      // idle keep-alive socket when the server closes it is a race every HTTP server has (clients
      // retry those); what must hold is that requests the server has received get their answers.
      const fresh = new http.Agent({ keepAlive: false });
      const inFlight = Array.from({ length: 10 }, (_, i) =>
        request(
          fresh,
          port,
          'POST',
          '/api/v1/tenants/drain/users',
          headers,
          JSON.stringify({ email: `u${i}@example.com`, password: 'hashing takes a while' }),
        ),
      );
      await Promise.all(inFlight.map((r) => r.written));
      await new Promise((resolve) => setTimeout(resolve, 150));
      const signalled = Date.now();
      const exit = api.stop('SIGTERM');
      const answers = await Promise.all(inFlight.map((r) => r.answered));
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
      expect(await exit).toBe(0);
      expect(Date.now() - signalled).toBeLessThan(5_000);
      expect(await fixture.prisma.user.count({ where: { email: { endsWith: '@example.com' } } })).toBe(10);
      const errors = api.logs.filter((l) => (l.level as number) >= 50);
      expect(errors).toEqual([]);
      agent.destroy();
    } finally {
      await fixture.close();
      await api.stop('SIGKILL');
    }
  });
});
