import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatchkeyProcess } from '../support/api-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { freePort } from '../support/ports.js';

let db: TestDatabase;
let api: LatchkeyProcess;
let port: number;

/** GET with an explicit Host header, as a browser on `demo.localhost` would send. */
function get(host: string, path: string): Promise<{ status: number; location?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  db = await createTestDatabase('addressing');
  port = await freePort();
  api = await LatchkeyProcess.startApi({ DATABASE_URL: db.url, TENANT_DOMAIN: 'localhost' }, port);
});

afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

describe('reaching a tenant', () => {
  it('serves the same login app on the path prefix and on the subdomain', async () => {
    const byPath = await get(`127.0.0.1:${port}`, '/t/demo/login/');
    const bySubdomain = await get(`demo.localhost:${port}`, '/login/');
    expect(byPath.status).toBe(200);
    expect(bySubdomain.status).toBe(200);
    expect(bySubdomain.body).toBe(byPath.body);
    const asset = /src="\.\/(assets\/[^"]+\.js)"/.exec(bySubdomain.body)?.[1];
    expect((await get(`demo.localhost:${port}`, `/login/${asset}`)).status).toBe(200);
  });

  it('redirects /login to /login/ on the subdomain too, keeping the query', async () => {
    const res = await get(`demo.localhost:${port}`, '/login?uid=x');
    expect(res.status).toBe(301);
    expect(res.location).toBe('/login/?uid=x');
  });

  it('answers an unknown subdomain with the tenant-not-found problem', async () => {
    const res = await get(`nope.localhost:${port}`, '/login/');
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body)).toMatchObject({ type: 'https://latchkey.dev/problems/tenant-not-found' });
  });

  it('keeps the API and health endpoints reachable on a tenant subdomain', async () => {
    expect((await get(`demo.localhost:${port}`, '/healthz')).status).toBe(200);
  });
});
