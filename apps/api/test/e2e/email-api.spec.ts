import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  type TEmailMessage,
  ZEmailMessage,
  ZEmailMessageList,
  ZEmailSmtpSettings,
} from '@latchkey/contracts';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_DEFINITIONS } from '../../src/jobs/registry.js';
import { sealContent } from '../../src/modules/email/email-content.js';
import { deliverEmailJob, EMAIL_DELIVERY_ATTEMPTS } from '../../src/modules/email/jobs/deliver-email.job.js';
import { purgeEmailMessagesJob } from '../../src/modules/email/jobs/purge-email-messages.job.js';
import { renderEmail } from '../../src/modules/email/templates/registry.js';
import { loadConfig } from '../../src/platform/config/config.js';
import { SecretBox } from '../../src/platform/crypto/secret-box.js';
import { TenantDatabase } from '../../src/platform/database/tenant-database.js';
import { ChangeBus } from '../../src/platform/events/change-bus.js';
import { LatchkeyProcess } from '../support/api-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { TEST_REDIS_URL } from '../support/env.js';
import {
  type ApiResponse,
  type ManagementClient,
  ManagementFixture,
  problemCode,
} from '../support/management.js';
import { freePort } from '../support/ports.js';
import { TestSmtpServer } from '../support/smtp-server.js';

/** The server's master key, so the test can open what it sealed. */
const MASTER_KEY = randomBytes(32);
const TENANT_SMTP_AUTH = { user: 'mailer@acme', pass: `smtp-${randomBytes(9).toString('base64url')}` };
const DEPLOYMENT_SMTP_AUTH = { user: 'latchkey', pass: `deploy-${randomBytes(9).toString('base64url')}` };

const ok = (res: ApiResponse, status = 200) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
};

/** Polls the message through the API until `done` holds. */
async function waitForMessage(
  client: ManagementClient,
  slug: string,
  id: string,
  done: (m: TEmailMessage) => boolean,
  timeoutMs = 20_000,
): Promise<TEmailMessage> {
  const deadline = Date.now() + timeoutMs;
  let last: TEmailMessage | undefined;
  while (Date.now() < deadline) {
    last = ZEmailMessage.parse(
      ok(await client.request('GET', `/api/v1/tenants/${slug}/email/messages/${id}`)),
    );
    if (done(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`message ${id} did not get there: ${JSON.stringify(last)}`);
}

const sendTest = async (client: ManagementClient, slug: string, to: string, locale?: string) =>
  ZEmailMessage.parse(
    ok(
      await client.request('POST', `/api/v1/tenants/${slug}/email/test`, {
        to,
        ...(locale ? { locale } : {}),
      }),
      202,
    ),
  );

const settled = (m: TEmailMessage) => m.status === 'sent' || m.status === 'dead';

/** An organization and an invitation to `email`; answers the accept URL (it holds the token). */
async function invite(client: ManagementClient, slug: string, email: string): Promise<string> {
  const org = ok(
    await client.request('POST', `/api/v1/tenants/${slug}/organizations`, { name: 'Globex', slug: 'globex' }),
    201,
  ) as { id: string };
  const invitation = ok(
    await client.request('POST', `/api/v1/tenants/${slug}/organizations/${org.id}/invitations`, { email }),
    201,
  ) as { acceptUrl: string };
  return invitation.acceptUrl;
}

describe('on Redis, with SMTP_URL and tenant SMTP servers', () => {
  let db: TestDatabase;
  let api: LatchkeyProcess;
  let fixture: ManagementFixture;
  let tenantSmtp: TestSmtpServer;
  let deploymentSmtp: TestSmtpServer;
  const prefix = `lkmail-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    db = await createTestDatabase('email');
    [tenantSmtp, deploymentSmtp] = await Promise.all([
      TestSmtpServer.start({ auth: TENANT_SMTP_AUTH }),
      TestSmtpServer.start({ auth: DEPLOYMENT_SMTP_AUTH }),
    ]);
    api = await LatchkeyProcess.startApi(
      {
        DATABASE_URL: db.url,
        REDIS_URL: TEST_REDIS_URL,
        LATCHKEY_REDIS_PREFIX: prefix,
        LATCHKEY_MASTER_KEY: MASTER_KEY.toString('base64'),
        SMTP_URL: deploymentSmtp.url,
        // The test SMTP servers listen on 127.0.0.1, which tenants may not use otherwise.
        LATCHKEY_ALLOW_PRIVATE_NETWORK: 'true',
        LATCHKEY_EMAIL_RETRY_DELAY_MS: '20',
      },
      await freePort(),
    );
    fixture = ManagementFixture.open(db.url, api.baseUrl);
  });

  afterAll(async () => {
    await fixture?.close();
    await api?.stop();
    await Promise.all([tenantSmtp?.close(), deploymentSmtp?.close()]);
    await db?.drop();
    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  /** Logs of the API process as one string, to prove what never reaches them. */
  const allLogs = () => JSON.stringify(api.logs) + api.stderr;

  describe("the tenant's own SMTP server", () => {
    it('is used with its credentials; the password is sealed at rest and never shown', async () => {
      const { id: tenantId, client } = await fixture.tenantWithClient('mail-own');
      const put = await client.request('PUT', '/api/v1/tenants/mail-own/email/smtp', {
        host: '127.0.0.1',
        port: tenantSmtp.port,
        security: 'none',
        username: TENANT_SMTP_AUTH.user,
        password: TENANT_SMTP_AUTH.pass,
      });
      expect(ZEmailSmtpSettings.parse(ok(put))).toMatchObject({
        host: '127.0.0.1',
        port: tenantSmtp.port,
        username: TENANT_SMTP_AUTH.user,
        passwordSet: true,
      });
      const shown = ok(await client.request('GET', '/api/v1/tenants/mail-own/email/smtp'));
      expect(shown).toEqual(put.body);
      expect(JSON.stringify(shown)).not.toContain(TENANT_SMTP_AUTH.pass);

      const row = await fixture.prisma.emailSmtpSettings.findUniqueOrThrow({ where: { tenantId } });
      expect(row.passwordSealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(row.passwordSealed).not.toContain(TENANT_SMTP_AUTH.pass);
      const box = new SecretBox(MASTER_KEY);
      expect(box.open(row.passwordSealed ?? '', `smtp-password:${tenantId}`)).toBe(TENANT_SMTP_AUTH.pass);
      expect(() => box.open(row.passwordSealed ?? '', 'smtp-password:another-tenant')).toThrow();

      const to = 'ann@mail-own.example';
      const queued = await sendTest(client, 'mail-own', to, 'de-CH');
      expect(queued).toMatchObject({
        status: 'queued',
        template: 'test-message',
        locale: 'de',
        to,
        attempts: 0,
      });
      const sent = await waitForMessage(client, 'mail-own', queued.id, settled);
      expect(sent).toMatchObject({ status: 'sent', outbox: false, attempts: 1, lastError: null, body: null });

      const [mail] = tenantSmtp.to(to);
      expect(mail?.user).toBe(TENANT_SMTP_AUTH.user);
      expect(mail?.headers.subject).toBe('Testnachricht von mail-own');
      expect(mail?.headers['content-language']).toBe('de');
      expect(mail?.headers['message-id']).toBe(sent.providerMessageId);
      expect(mail?.text).toContain('Diese Testnachricht zeigt, dass mail-own Ihnen E-Mails senden kann.');
      expect(mail?.html).toContain('<html lang="de">');
      expect(deploymentSmtp.to(to)).toEqual([]);

      // Once sent, the content (codes, links) is not kept; the API shows metadata only.
      const stored = await fixture.prisma.emailMessage.findUniqueOrThrow({
        where: { tenantId_id: { tenantId, id: queued.id } },
      });
      expect(stored.contentSealed).toBeNull();
      expect(allLogs()).not.toContain(TENANT_SMTP_AUTH.pass);
      expect(allLogs()).not.toContain('Diese Testnachricht');

      const audit = await fixture.prisma.auditEvent.findMany({
        where: { tenantId, action: { startsWith: 'email.' } },
        orderBy: { occurredAt: 'asc' },
      });
      expect(audit.map((e) => [e.action, e.targetId])).toEqual([
        ['email.smtp.update', null],
        ['email.test', queued.id],
      ]);
      expect(audit[0]?.changes).toMatchObject({ host: '127.0.0.1', passwordChanged: true });
      expect(JSON.stringify(audit)).not.toContain(TENANT_SMTP_AUTH.pass);
    });

    it('keeps the password for the same host, never carries it to a new one, and can be removed', async () => {
      const { client } = await fixture.tenantWithClient('mail-put');
      const path = '/api/v1/tenants/mail-put/email/smtp';
      expect(problemCode(await client.request('GET', path))).toBe('smtp-not-configured');
      const base = {
        host: '127.0.0.1',
        port: tenantSmtp.port,
        security: 'none',
        username: TENANT_SMTP_AUTH.user,
      };
      const missing = await client.request('PUT', path, base);
      expect(missing.status).toBe(400);
      expect(problemCode(missing)).toBe('smtp-password-required');
      ok(await client.request('PUT', path, { ...base, password: TENANT_SMTP_AUTH.pass }));

      // Same host, no password: the stored one stays (and still authenticates).
      expect(ok(await client.request('PUT', path, base))).toMatchObject({ passwordSet: true });
      const sent = await waitForMessage(
        client,
        'mail-put',
        (await sendTest(client, 'mail-put', 'kept@mail-put.example')).id,
        settled,
      );
      expect(sent.status).toBe('sent');
      expect(tenantSmtp.to('kept@mail-put.example')[0]?.user).toBe(TENANT_SMTP_AUTH.user);

      const moved = await client.request('PUT', path, { ...base, host: 'localhost' });
      expect(moved.status).toBe(400);
      expect(problemCode(moved)).toBe('smtp-password-required');
      const orphan = await client.request('PUT', path, { ...base, username: null, password: 'x' });
      expect(orphan.status).toBe(400);
      expect(ok(await client.request('PUT', path, { ...base, username: null }))).toMatchObject({
        username: null,
        passwordSet: false,
      });
      for (const bad of [
        { ...base, port: 0 },
        { ...base, host: 'bad host' },
        { ...base, security: 'ssl' },
      ]) {
        expect((await client.request('PUT', path, bad)).status).toBe(400);
      }

      ok(await client.request('DELETE', path), 204);
      expect((await client.request('GET', path)).status).toBe(404);
      expect((await client.request('DELETE', path)).status).toBe(404);
    });
  });

  describe('retries and dead letters', () => {
    let client: ManagementClient;
    beforeAll(async () => {
      client = (await fixture.tenantWithClient('mail-retry')).client;
      ok(
        await client.request('PUT', '/api/v1/tenants/mail-retry/email/smtp', {
          host: '127.0.0.1',
          port: tenantSmtp.port,
          security: 'none',
          username: TENANT_SMTP_AUTH.user,
          password: TENANT_SMTP_AUTH.pass,
        }),
      );
    });

    it('retries transient (4xx) failures with back-off until the server accepts', async () => {
      tenantSmtp.failNext(2, 451);
      const refusedBefore = tenantSmtp.refused;
      const queued = await sendTest(client, 'mail-retry', 'flaky@mail-retry.example');
      const sent = await waitForMessage(client, 'mail-retry', queued.id, settled);
      expect(sent).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
      expect(tenantSmtp.refused - refusedBefore).toBe(2);
      expect(tenantSmtp.to('flaky@mail-retry.example')).toHaveLength(1);
    });

    it('is dead after the last attempt, with the last error, and a retry through the API delivers it', async () => {
      tenantSmtp.failAlways(451, 'Mailbox busy, try later');
      const queued = await sendTest(client, 'mail-retry', 'busy@mail-retry.example');
      const failing = await waitForMessage(client, 'mail-retry', queued.id, (m) => m.status === 'failed');
      expect(failing.attempts).toBeGreaterThanOrEqual(1);
      expect(failing.lastError).toMatch(/451/);
      const dead = await waitForMessage(client, 'mail-retry', queued.id, settled);
      tenantSmtp.acceptAll();
      expect(dead).toMatchObject({ status: 'dead', attempts: EMAIL_DELIVERY_ATTEMPTS });
      expect(dead.lastError).toMatch(/451.*Mailbox busy/);
      expect(dead.lastError).not.toContain(TENANT_SMTP_AUTH.pass);

      const deadList = ZEmailMessageList.parse(
        ok(await client.request('GET', '/api/v1/tenants/mail-retry/email/messages?status=dead')),
      );
      expect(deadList.data.map((m) => m.id)).toEqual([queued.id]);

      const retried = ZEmailMessage.parse(
        ok(await client.request('POST', `/api/v1/tenants/mail-retry/email/messages/${queued.id}/retry`), 202),
      );
      expect(retried.status).toBe('queued');
      const sent = await waitForMessage(client, 'mail-retry', queued.id, settled);
      expect(sent).toMatchObject({ status: 'sent', attempts: EMAIL_DELIVERY_ATTEMPTS + 1, lastError: null });
      expect(tenantSmtp.to('busy@mail-retry.example')).toHaveLength(1);

      const again = await client.request(
        'POST',
        `/api/v1/tenants/mail-retry/email/messages/${queued.id}/retry`,
      );
      expect(again.status).toBe(409);
      expect(problemCode(again)).toBe('email-not-dead');
      const events = await fixture.prisma.auditEvent.findMany({ where: { action: 'email.message.retry' } });
      expect(events.map((e) => e.targetId)).toEqual([queued.id]);
    });

    it('gives up at once on a permanent (5xx) refusal', async () => {
      tenantSmtp.failNext(1, 550, 'No such user here');
      const queued = await sendTest(client, 'mail-retry', 'nobody@mail-retry.example');
      const dead = await waitForMessage(client, 'mail-retry', queued.id, settled);
      expect(dead).toMatchObject({ status: 'dead', attempts: 1 });
      expect(dead.lastError).toMatch(/550.*No such user/);
      // No second attempt follows a permanent refusal.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await waitForMessage(client, 'mail-retry', queued.id, settled)).toMatchObject({ attempts: 1 });
    });

    it('answers 404 for unknown, malformed and other tenants’ message ids', async () => {
      const other = await fixture.tenantWithClient('mail-other');
      const [mine] = ZEmailMessageList.parse(
        ok(await client.request('GET', '/api/v1/tenants/mail-retry/email/messages?limit=1')),
      ).data;
      for (const id of [mine?.id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
        for (const [method, suffix] of [
          ['GET', ''],
          ['POST', '/retry'],
        ] as const) {
          const res = await other.client.request(
            method,
            `/api/v1/tenants/mail-other/email/messages/${id}${suffix}`,
          );
          expect(res.status, `${method} ${id}${suffix}`).toBe(404);
        }
      }
      const theirs = ZEmailMessageList.parse(
        ok(await other.client.request('GET', '/api/v1/tenants/mail-other/email/messages')),
      );
      expect(theirs.data).toEqual([]);
    });
  });

  describe("the deployment's SMTP_URL", () => {
    it("carries mail of tenants without their own server, from the tenant's sender settings", async () => {
      const { id: tenantId, client } = await fixture.tenantWithClient('mail-shared');
      ok(
        await client.request('PATCH', '/api/v1/tenants/mail-shared', {
          settings: {
            email: {
              senderName: 'Acme Support',
              senderAddress: 'support@acme.example',
              replyTo: 'help@acme.example',
            },
          },
        }),
      );
      const acceptUrl = await invite(client, 'mail-shared', 'bob@partner.example');
      const mail = await deploymentSmtp.waitFor(() => deploymentSmtp.to('bob@partner.example')[0]);
      expect(mail.user).toBe(DEPLOYMENT_SMTP_AUTH.user);
      expect(mail.from).toBe('support@acme.example');
      expect(mail.headers.from).toBe('Acme Support <support@acme.example>');
      expect(mail.headers['reply-to']).toBe('help@acme.example');
      expect(mail.headers.subject).toBe('You are invited to join Globex on mail-shared');
      expect(mail.headers['auto-submitted']).toBe('auto-generated');
      expect(mail.text).toContain(`Accept the invitation: ${acceptUrl}`);
      expect(mail.html).toContain(`href="${acceptUrl}"`);

      const list = ZEmailMessageList.parse(
        ok(
          await client.request(
            'GET',
            '/api/v1/tenants/mail-shared/email/messages?template=organization-invitation',
          ),
        ),
      );
      const [message] = list.data;
      expect(message).toMatchObject({ to: 'bob@partner.example', outbox: false, body: null });
      await waitForMessage(client, 'mail-shared', message?.id ?? '', settled);
      // The token travels in the mail only: never in a log line, nor kept once sent.
      const token = new URL(acceptUrl).searchParams.get('token') ?? '';
      expect(token.length).toBeGreaterThan(20);
      expect(allLogs()).not.toContain(token);
      expect(allLogs()).not.toContain(DEPLOYMENT_SMTP_AUTH.pass);
      const rows = await fixture.prisma.emailMessage.findMany({ where: { tenantId } });
      expect(rows.map((r) => r.contentSealed)).toEqual([null]);
    });

    it('lists newest first, with filters and a cursor', async () => {
      const { client } = await fixture.tenantWithClient('mail-list');
      const ids: string[] = [];
      for (const to of ['a@list.example', 'b@list.example', 'A@List.example']) {
        ids.push((await sendTest(client, 'mail-list', to)).id);
        await new Promise((resolve) => setTimeout(resolve, 5)); // distinct creation times
      }
      const base = '/api/v1/tenants/mail-list/email/messages';
      const first = ZEmailMessageList.parse(ok(await client.request('GET', `${base}?limit=2`)));
      expect(first.data.map((m) => m.id)).toEqual([ids[2], ids[1]]);
      const second = ZEmailMessageList.parse(
        ok(await client.request('GET', `${base}?limit=2&cursor=${first.nextCursor}`)),
      );
      expect(second.data.map((m) => m.id)).toEqual([ids[0]]);
      expect(second.nextCursor).toBeUndefined();
      const toA = ZEmailMessageList.parse(ok(await client.request('GET', `${base}?to=a%40list.example`)));
      expect(toA.data.map((m) => m.id)).toEqual([ids[2], ids[0]]);
      for (const wildcard of ['%25', '_%40list.example', 'a%40list.exampl%25']) {
        const none = ZEmailMessageList.parse(ok(await client.request('GET', `${base}?to=${wildcard}`)));
        expect(none.data, wildcard).toEqual([]);
      }
      expect((await client.request('GET', `${base}?status=lost`)).status).toBe(400);
      expect((await client.request('GET', `${base}?cursor=nonsense`)).status).toBe(400);
    });
  });

  it('purges messages past the retention, daily', async () => {
    expect(JOB_DEFINITIONS).toContain(purgeEmailMessagesJob);
    expect(purgeEmailMessagesJob.schedule).toEqual({ everyMs: 24 * 3600 * 1000 });
    const { id: tenantId, client } = await fixture.tenantWithClient('mail-purge');
    const old = await sendTest(client, 'mail-purge', 'old@purge.example');
    const recent = await sendTest(client, 'mail-purge', 'new@purge.example');
    await waitForMessage(client, 'mail-purge', old.id, settled);
    await fixture.prisma.emailMessage.updateMany({
      where: { tenantId, id: old.id },
      data: { createdAt: new Date(Date.now() - 31 * 24 * 3600 * 1000) },
    });
    const system = await fixture.prisma.tenant.findUniqueOrThrow({ where: { slug: 'system' } });
    const result = await purgeEmailMessagesJob.handler(
      { tenantId: system.id },
      {
        jobId: 'test-purge',
        attempt: 1,
        logger: pino({ level: 'silent' }),
        deps: {
          prisma: fixture.prisma,
          tenants: new TenantDatabase(fixture.prisma),
          secrets: new SecretBox(MASTER_KEY),
          changes: ChangeBus.inProcess(pino({ level: 'silent' })),
        },
      },
    );
    expect(result.purged).toBeGreaterThanOrEqual(1);
    const left = await fixture.prisma.emailMessage.findMany({ where: { tenantId } });
    expect(left.map((m) => m.id)).toEqual([recent.id]);
  });
});

describe('no SMTP anywhere, jobs on PostgreSQL (no REDIS_URL)', () => {
  let db: TestDatabase;
  let api: LatchkeyProcess;
  let fixture: ManagementFixture;

  beforeAll(async () => {
    db = await createTestDatabase('email_outbox');
    // No REDIS_URL (BullMQ on PostgreSQL), no SMTP_URL, private network refused (the default).
    api = await LatchkeyProcess.startApi(
      { DATABASE_URL: db.url, LATCHKEY_MASTER_KEY: MASTER_KEY.toString('base64') },
      await freePort(),
    );
    fixture = ManagementFixture.open(db.url, api.baseUrl);
  });

  afterAll(async () => {
    await fixture?.close();
    await api?.stop();
    await db?.drop();
  });

  it('keeps mail in the dev outbox, readable through the API, and logs the link', async () => {
    const { client } = await fixture.tenantWithClient('outbox');
    const acceptUrl = await invite(client, 'outbox', 'carol@outbox.example');
    const [queued] = ZEmailMessageList.parse(
      ok(await client.request('GET', '/api/v1/tenants/outbox/email/messages')),
    ).data;
    const kept = await waitForMessage(client, 'outbox', queued?.id ?? '', settled);
    expect(kept).toMatchObject({
      status: 'sent',
      outbox: true,
      attempts: 1,
      providerMessageId: null,
      to: 'carol@outbox.example',
      subject: 'You are invited to join Globex on outbox',
    });
    expect(kept.body?.text).toContain(`Accept the invitation: ${acceptUrl}`);
    expect(kept.body?.html).toContain(`href="${acceptUrl}"`);
    const listed = ZEmailMessageList.parse(
      ok(await client.request('GET', '/api/v1/tenants/outbox/email/messages')),
    );
    expect(listed.data[0]?.body).toEqual(kept.body);

    const line = api.logs.find((l) => l.msg.startsWith('dev outbox') && l.messageId === kept.id);
    expect(line).toMatchObject({ level: 30, link: acceptUrl, template: 'organization-invitation' });
  });

  it('logs the code of a code mail kept in the outbox (the delivery job, run here)', async () => {
    const { id: tenantId, client } = await fixture.tenantWithClient('outbox-code');
    const id = randomUUID();
    const rendered = renderEmail(
      'verify-email-code',
      { code: '482913', expiresInMinutes: 15 },
      { locale: 'en', brand: 'outbox-code' },
    );
    await fixture.prisma.emailMessage.create({
      data: {
        tenantId,
        id,
        template: 'verify-email-code',
        locale: 'en',
        to: 'erin@outbox.example',
        subject: rendered.subject,
        contentSealed: sealContent(new SecretBox(MASTER_KEY), tenantId, id, rendered),
      },
    });
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const outcome = await deliverEmailJob.handler(
      { tenantId, messageId: id },
      {
        jobId: `email-${id}-0`,
        attempt: 1,
        logger,
        deps: {
          prisma: fixture.prisma,
          tenants: new TenantDatabase(fixture.prisma),
          secrets: new SecretBox(MASTER_KEY),
          changes: ChangeBus.inProcess(pino({ level: 'silent' })),
          config: loadConfig({ DATABASE_URL: db.url }),
        },
      },
    );
    expect(outcome).toEqual({ delivered: 'outbox' });
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 30, messageId: id, code: '482913', to: 'erin@outbox.example' }),
    );
    const kept = await waitForMessage(client, 'outbox-code', id, settled);
    expect(kept).toMatchObject({ status: 'sent', outbox: true });
    expect(kept.body?.text).toContain('    482913');
  });

  it('refuses tenant SMTP hosts on private addresses: at once for literals, at delivery for names', async () => {
    const { client } = await fixture.tenantWithClient('outbox-ssrf');
    const path = '/api/v1/tenants/outbox-ssrf/email/smtp';
    for (const host of ['127.0.0.1', '::1', '169.254.169.254', '10.0.0.7']) {
      const res = await client.request('PUT', path, { host, port: 25, security: 'none' });
      expect(res.status, host).toBe(400);
      expect(problemCode(res)).toBe('smtp-host-not-allowed');
    }
    ok(await client.request('PUT', path, { host: 'localhost', port: 25, security: 'none' }));
    const queued = await sendTest(client, 'outbox-ssrf', 'dave@outbox.example');
    const dead = await waitForMessage(client, 'outbox-ssrf', queued.id, settled);
    // Permanent: no retry can make a private address public.
    expect(dead).toMatchObject({ status: 'dead', attempts: 1, outbox: false, body: null });
    expect(dead.lastError).toMatch(/private or special-use/);
  });
});

describe('zero-setup mode proper: embedded PostgreSQL, nothing configured', () => {
  it('delivers to the dev outbox through the polling worker of the email queue', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'latchkey-mail-'));
    const dbPort = await freePort();
    const api = await LatchkeyProcess.startApi(
      { LATCHKEY_DATA_DIR: dataDir, LATCHKEY_EMBEDDED_DB_PORT: String(dbPort) },
      await freePort(),
    );
    // The embedded database is served on a local socket: the fixture reaches it like the CLI does.
    const fixture = ManagementFixture.open(`postgresql://postgres@127.0.0.1:${dbPort}/postgres`, api.baseUrl);
    try {
      const client = await fixture.clientFor('demo');
      const queued = await sendTest(client, 'demo', 'zero@setup.example');
      const kept = await waitForMessage(client, 'demo', queued.id, settled);
      expect(kept).toMatchObject({ status: 'sent', outbox: true, subject: 'Test message from Demo' });
      expect(kept.body?.text).toContain('This test message shows that Demo can send you email.');
      expect(api.logs.some((l) => l.msg.startsWith('dev outbox') && l.messageId === queued.id)).toBe(true);
    } finally {
      await fixture.close();
      await api.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
