import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const fails = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected loadConfig to throw');
};

describe('loadConfig', () => {
  it('gives the zero-setup defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      publicUrl: 'http://localhost:3000',
      embeddedDatabase: true,
      redisUrl: undefined,
      inlineWorker: true,
      diagnosticsEnabled: false,
      logLevel: 'info',
    });
  });

  it('names the variable in a single line', () => {
    const message = fails({ PORT: 'abc' });
    expect(message).toBe('Invalid configuration: PORT must be an integer between 1 and 65535');
    expect(message).not.toContain('\n');
  });

  it('rejects a malformed DATABASE_URL without echoing it', () => {
    const message = fails({ DATABASE_URL: 'mysql://root:hunter2@db/x' });
    expect(message).toMatch(/^Invalid configuration: DATABASE_URL must be a PostgreSQL URL/);
    expect(message).not.toContain('hunter2');
  });

  it.each([
    [{ PORT: '70000' }, 'PORT'],
    [{ REDIS_URL: 'http://x' }, 'REDIS_URL'],
    [{ LATCHKEY_MASTER_KEY: 'c2hvcnQ=' }, 'LATCHKEY_MASTER_KEY'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ TENANT_DOMAIN: 'Not A Domain' }, 'TENANT_DOMAIN'],
    [{ BOOTSTRAP_ADMIN_EMAIL: 'a@b.co' }, 'BOOTSTRAP_ADMIN_PASSWORD'],
    [{ LATCHKEY_DNS_SERVERS: 'dns.example.com' }, 'LATCHKEY_DNS_SERVERS'],
    [{ LATCHKEY_DNS_SERVERS: '10.0.0.1:99999' }, 'LATCHKEY_DNS_SERVERS'],
    [{ LATCHKEY_DNS_SERVERS: '1.1.1.1,' }, 'LATCHKEY_DNS_SERVERS'],
    [{ LATCHKEY_TRUST_PROXY: 'true' }, 'LATCHKEY_TRUST_PROXY'],
    [{ LATCHKEY_TRUST_PROXY: '0' }, 'LATCHKEY_TRUST_PROXY'],
    [{ LATCHKEY_TRUST_PROXY: '10.0.0.0/33' }, 'LATCHKEY_TRUST_PROXY'],
    [{ LATCHKEY_TRUST_PROXY: 'proxy.example.com' }, 'LATCHKEY_TRUST_PROXY'],
  ])('rejects %o naming %s', (env, variable) => {
    expect(fails(env)).toMatch(new RegExp(`^Invalid configuration: ${variable} `));
  });

  it('accepts a full production environment', () => {
    const config = loadConfig({
      PORT: '8080',
      PUBLIC_URL: 'https://auth.example.com/',
      DATABASE_URL: 'postgresql://app:secret@db:5432/latchkey',
      REDIS_URL: 'redis://cache:6379/0',
      LATCHKEY_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
      LATCHKEY_WORKER: 'off',
    });
    expect(config).toMatchObject({
      port: 8080,
      publicUrl: 'https://auth.example.com',
      embeddedDatabase: false,
      inlineWorker: false,
    });
  });

  it('picks where argon2id runs by the CPUs unless told', () => {
    expect(loadConfig({}).argon2Thread).toBe('auto');
    expect(loadConfig({ LATCHKEY_ARGON2_THREAD: 'inline' }).argon2Thread).toBe('inline');
    expect(loadConfig({ LATCHKEY_ARGON2_THREAD: 'pool' }).argon2Thread).toBe('pool');
  });

  it("hashes passwords at OWASP's argon2id baseline unless told otherwise", () => {
    expect(loadConfig({}).argon2).toEqual({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    expect(
      loadConfig({
        LATCHKEY_ARGON2_MEMORY_KIB: '65536',
        LATCHKEY_ARGON2_TIME_COST: '3',
        LATCHKEY_ARGON2_PARALLELISM: '2',
      }).argon2,
    ).toEqual({ memoryCost: 65_536, timeCost: 3, parallelism: 2 });
    // OWASP's other equivalent configurations are accepted as they are.
    for (const [m, t] of [
      ['47104', '1'],
      ['12288', '3'],
      ['9216', '4'],
      ['7168', '5'],
    ]) {
      expect(
        loadConfig({ LATCHKEY_ARGON2_MEMORY_KIB: m, LATCHKEY_ARGON2_TIME_COST: t }).argon2,
      ).toMatchObject({
        memoryCost: Number(m),
        timeCost: Number(t),
      });
    }
  });

  it.each([
    [
      { LATCHKEY_ARGON2_MEMORY_KIB: '4096' },
      'LATCHKEY_ARGON2_MEMORY_KIB must be a number of KiB between 7168',
    ],
    [{ LATCHKEY_ARGON2_MEMORY_KIB: '19 MiB' }, 'LATCHKEY_ARGON2_MEMORY_KIB must be a number of KiB'],
    [{ LATCHKEY_ARGON2_MEMORY_KIB: '2000000' }, 'LATCHKEY_ARGON2_MEMORY_KIB must be a number of KiB'],
    [{ LATCHKEY_ARGON2_TIME_COST: '0' }, 'LATCHKEY_ARGON2_TIME_COST must be a whole number of passes'],
    [{ LATCHKEY_ARGON2_PARALLELISM: '0' }, 'LATCHKEY_ARGON2_PARALLELISM must be a whole number of lanes'],
    [{ LATCHKEY_ARGON2_PARALLELISM: '64' }, 'LATCHKEY_ARGON2_PARALLELISM must be a whole number of lanes'],
    [{ LATCHKEY_ARGON2_THREAD: 'main' }, 'LATCHKEY_ARGON2_THREAD must be auto, pool or inline'],
    // Each value alone is allowed; together they are weaker than any OWASP configuration.
    [
      { LATCHKEY_ARGON2_MEMORY_KIB: '19456', LATCHKEY_ARGON2_TIME_COST: '1' },
      'LATCHKEY_ARGON2_TIME_COST times LATCHKEY_ARGON2_MEMORY_KIB must be at least 35840',
    ],
  ])('refuses weak or absurd argon2 costs: %o', (env, message) => {
    expect(fails(env)).toMatch(new RegExp(`^Invalid configuration: ${message}`));
  });

  it('trusts no proxy unless told which, by hop count or by address', () => {
    expect(loadConfig({}).trustProxy).toBeUndefined();
    expect(loadConfig({ LATCHKEY_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(
      loadConfig({ LATCHKEY_TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8, 192.0.2.7' }).trustProxy,
    ).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8', '192.0.2.7']);
  });

  it('reads DNS servers as a list of ip[:port], unset meaning the system resolvers', () => {
    expect(loadConfig({}).dnsServers).toBeUndefined();
    expect(
      loadConfig({ LATCHKEY_DNS_SERVERS: '1.1.1.1, 127.0.0.1:5353,::1,[2001:db8::1]:53' }).dnsServers,
    ).toEqual(['1.1.1.1', '127.0.0.1:5353', '::1', '[2001:db8::1]:53']);
  });
});
