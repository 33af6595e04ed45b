import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatchkeyProcess } from '../support/api-process.js';
import { launchChromium } from '../support/browser.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { freePort } from '../support/ports.js';

let db: TestDatabase;
let api: LatchkeyProcess;
let browser: Browser;

beforeAll(async () => {
  db = await createTestDatabase('browser');
  api = await LatchkeyProcess.startApi({ DATABASE_URL: db.url }, await freePort());
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
  await db?.drop();
});

/** Opens a page and collects what would tell us the app is broken: script errors, failed requests. */
async function open(path: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('requestfailed', (req) => problems.push(`requestfailed: ${req.url()}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`${res.status()}: ${res.url()}`);
  });
  await page.goto(`${api.baseUrl}${path}`, { waitUntil: 'networkidle' });
  return { page, problems };
}

describe('browser smoke', () => {
  it('renders the console and its live system status', async () => {
    const { page, problems } = await open('/console/');
    await expect.poll(() => page.getByText(/database/i).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect
      .poll(() => page.getByText(/ready|operational|all systems/i).count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  // Signing in starts at an application (login-browser.spec.ts drives the whole flow); opened on
  // its own, the page says so and names the tenant.
  it('renders the demo tenant login page, which explains where sign-in starts', async () => {
    const { page, problems } = await open('/t/demo/login/');
    const heading = page.getByRole('heading', { level: 1, name: /sign-in link is incomplete/i });
    await expect.poll(() => heading.count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByText(/return to it/i).count()).toBe(1);
    expect(await page.getByText('demo', { exact: false }).count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});
