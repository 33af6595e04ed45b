import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as oidc from 'openid-client';
import type { Browser, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { LatchkeyProcess } from './api-process.js';
import { launchChromium } from './browser.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { TEST_REDIS_URL } from './env.js';
import { type ManagementClient, ManagementFixture } from './management.js';
import { freePort } from './ports.js';
import { TestSmtpServer } from './smtp-server.js';

/** Everything a browser test of the hosted login needs, started together and closed together. */
export interface BrowserStack {
  /** The relying party's origin: it answers every path with "the app" (the callback included). */
  rpOrigin: string;
  db: TestDatabase;
  /** Only with `{ smtp: true }`. */
  smtp: TestSmtpServer;
  api: LatchkeyProcess;
  fixture: ManagementFixture;
  browser: Browser;
  /** A first-party web application "Notebook" of the tenant, as an openid-client configuration. */
  webApp(
    client: ManagementClient,
    tenant: string,
    extra?: Record<string, unknown>,
  ): Promise<oidc.Configuration>;
  /**
   * Sends `page` to the app's authorization endpoint (code + PKCE, `extra` parameters added);
   * answers how to redeem the code the page comes back to the callback with.
   */
  authorize(
    page: Page,
    app: oidc.Configuration,
    extra?: Record<string, string>,
  ): Promise<() => ReturnType<typeof oidc.authorizationCodeGrant>>;
  close(): Promise<void>;
}

/**
 * A relying-party listener, a throwaway database, optionally a real SMTP listener, the API on
 * Redis (its own key prefix) and Chromium. `name` names the database.
 */
export async function startBrowserStack(
  name: string,
  options: { smtp?: boolean } = {},
): Promise<BrowserStack> {
  const rp = http.createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/plain' }).end('the app'),
  );
  await new Promise<void>((listening) => rp.listen(0, '127.0.0.1', listening));
  const rpOrigin = `http://127.0.0.1:${(rp.address() as AddressInfo).port}`;
  const [db, smtp] = await Promise.all([
    createTestDatabase(name),
    options.smtp ? TestSmtpServer.start() : Promise.resolve(undefined),
  ]);
  const port = await freePort();
  const [api, browser] = await Promise.all([
    LatchkeyProcess.startApi(
      {
        DATABASE_URL: db.url,
        REDIS_URL: TEST_REDIS_URL,
        LATCHKEY_REDIS_PREFIX: `${name}-${randomUUID().slice(0, 8)}`,
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        ...(smtp ? { SMTP_URL: smtp.url, LATCHKEY_EMAIL_RETRY_DELAY_MS: '20' } : {}),
      },
      port,
    ),
    launchChromium(),
  ]);
  const fixture = ManagementFixture.open(db.url, api.baseUrl);
  return {
    rpOrigin,
    db,
    smtp: smtp as TestSmtpServer,
    api,
    fixture,
    browser,
    async webApp(client, tenant, extra = {}) {
      const app = await client.request('POST', `/api/v1/tenants/${tenant}/applications`, {
        name: 'Notebook',
        type: 'web',
        redirectUris: [`${rpOrigin}/callback`],
        ...extra,
      });
      expect(app.status, JSON.stringify(app.body)).toBe(201);
      const { clientId, clientSecret } = app.body as { clientId: string; clientSecret: string };
      return oidc.discovery(
        new URL(`${api.baseUrl}/t/${tenant}`),
        clientId,
        undefined,
        oidc.ClientSecretBasic(clientSecret),
        { execute: [oidc.allowInsecureRequests] },
      );
    },
    async authorize(page, app, extra = {}) {
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const url = oidc.buildAuthorizationUrl(app, {
        redirect_uri: `${rpOrigin}/callback`,
        scope: 'openid email profile',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        ...extra,
      });
      await page.goto(url.href);
      return async () => {
        await page.waitForURL((at) => at.origin === rpOrigin && at.pathname === '/callback', {
          timeout: 20_000,
        });
        const callback = new URL(page.url());
        expect(callback.searchParams.get('code')).toBeTruthy();
        return oidc.authorizationCodeGrant(app, callback, {
          pkceCodeVerifier: verifier,
          expectedState: state,
        });
      };
    },
    async close() {
      await browser.close();
      await fixture.close();
      await api.stop();
      await smtp?.close();
      await db.drop();
      rp.closeAllConnections();
      rp.close();
    },
  };
}

/** Resolves once the page's main heading reads `name`. */
export const headingShown = (page: Page, name: string) =>
  page.getByRole('heading', { level: 1, name, exact: true }).waitFor();

export const isFocused = (locator: Locator) =>
  locator.evaluate((el) => el === el.ownerDocument.activeElement);
