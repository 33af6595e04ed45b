import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatchkeyProcess } from '../support/api-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { ManagementFixture } from '../support/management.js';
import { ScriptedBrowser } from '../support/oidc-browser.js';
import { freePort } from '../support/ports.js';

/**
 * F4: a wrong password for a real account and any password for an unknown one must be
 * indistinguishable: the same answer, and timings within 20 % (both cost one argon2id
 * verification). Samples are taken in back-to-back pairs and compared within each pair.
 */
const REDIRECT = 'https://app.example.com/cb';
let db: TestDatabase;
let api: LatchkeyProcess;
let fixture: ManagementFixture;
let app: { clientId: string; clientSecret: string };

beforeAll(async () => {
  db = await createTestDatabase('signin_timing');
  const port = await freePort();
  api = await LatchkeyProcess.startApi(
    { DATABASE_URL: db.url, PUBLIC_URL: `http://127.0.0.1:${port}` },
    port,
  );
  fixture = ManagementFixture.open(db.url, api.baseUrl);
  const { client } = await fixture.tenantWithClient('timing');
  const platform = await fixture.clientFor('system');
  // Protection out of the way: this measures the password step itself.
  await platform.request('PATCH', '/api/v1/tenants/timing', {
    settings: { signInProtection: { throttleAfter: 100, lockAfter: 1000, ipFailureLimit: 100_000 } },
  });
  await client.request('POST', '/api/v1/tenants/timing/users', {
    email: 'known@example.com',
    password: 'the real password',
  });
  app = (
    await client.request('POST', '/api/v1/tenants/timing/applications', {
      name: 'App',
      type: 'web',
      redirectUris: [REDIRECT],
    })
  ).body as { clientId: string; clientSecret: string };
}, 120_000);

afterAll(async () => {
  await fixture?.close();
  await api?.stop();
  await db?.drop();
});

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

describe('no user enumeration on sign-in', () => {
  it('answers known and unknown emails identically, in similar time', async () => {
    const config = await oidc.discovery(
      new URL(`${api.baseUrl}/t/timing`),
      app.clientId,
      undefined,
      oidc.ClientSecretBasic(app.clientSecret),
      { execute: [oidc.allowInsecureRequests] },
    );
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const browser = new ScriptedBrowser();
    const outcome = await browser.authorize(url, REDIRECT, { onInteraction: () => undefined });
    if (outcome.kind !== 'interaction') throw new Error(JSON.stringify(outcome));
    const attempt = async (identifier: string) => {
      const started = performance.now();
      const res = await browser.postJson(
        `${outcome.interactionUrl.href}/login`,
        { identifier, password: 'not the password' },
        { 'x-csrf-token': outcome.details.csrfToken },
      );
      const body = await res.text();
      return {
        ms: performance.now() - started,
        answer: `${res.status} ${body.replace(/"requestId":"[^"]+"/, '')}`,
      };
    };
    await attempt('warm-up@example.com');
    const known: number[] = [];
    const unknown: number[] = [];
    const answers = new Set<string>();
    // Interleaved, alternating which goes first, so drifting load hits both sides alike.
    for (let i = 0; i < 30; i++) {
      const knownFirst = i % 2 === 0;
      const first = await attempt(knownFirst ? 'known@example.com' : `unknown-${i}@example.com`);
      const second = await attempt(knownFirst ? `unknown-${i}@example.com` : 'known@example.com');
      const [a, b] = knownFirst ? [first, second] : [second, first];
      known.push(a.ms);
      unknown.push(b.ms);
      answers.add(a.answer);
      answers.add(b.answer);
    }
    // One answer for both (the problem body differs only in its request id).
    expect(answers.size).toBe(1);
    // Each pair ran back to back under the same load: compare within pairs (the median of the
    // per-pair ratios), so a busy moment on the machine slows both sides of a pair, not one group.
    const ratio = Math.exp(median(known.map((k, i) => Math.log(k / (unknown[i] as number)))));
    const difference = Math.abs(1 - Math.min(ratio, 1 / ratio));
    expect(
      difference,
      `known ${median(known).toFixed(1)} ms, unknown ${median(unknown).toFixed(1)} ms, pairwise ratio ${ratio.toFixed(2)}`,
    ).toBeLessThan(0.2);
  });
});
