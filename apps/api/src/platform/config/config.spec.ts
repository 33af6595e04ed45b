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

  it('reads DNS servers as a list of ip[:port], unset meaning the system resolvers', () => {
    expect(loadConfig({}).dnsServers).toBeUndefined();
    expect(
      loadConfig({ LATCHKEY_DNS_SERVERS: '1.1.1.1, 127.0.0.1:5353,::1,[2001:db8::1]:53' }).dnsServers,
    ).toEqual(['1.1.1.1', '127.0.0.1:5353', '::1', '[2001:db8::1]:53']);
  });
});
