import { describe, expect, it } from 'vitest';
import { isSpecialUseAddress, publicAddressOf, SmtpHostRefused } from './smtp-host-guard.js';

describe('isSpecialUseAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254', // cloud metadata
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '::1',
    '::',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    'fd00::1',
    'fe80::1',
    'not-an-ip',
  ])('refuses %s', (address) => {
    expect(isSpecialUseAddress(address)).toBe(true);
  });

  it.each(['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111'])('allows %s', (address) => {
    expect(isSpecialUseAddress(address)).toBe(false);
  });
});

describe('publicAddressOf', () => {
  const resolving =
    (answers: Record<string, string[]>) =>
    async (host: string): Promise<string[]> =>
      answers[host] ?? [];

  it('answers the first address of a public host, and a public IP literal as it is', async () => {
    const lookup = resolving({ 'smtp.example.com': ['93.184.215.14', '2606:2800::1'] });
    expect(await publicAddressOf('smtp.example.com', lookup)).toBe('93.184.215.14');
    expect(await publicAddressOf('8.8.8.8', lookup)).toBe('8.8.8.8');
  });

  it('refuses a host with any private address (one public answer does not launder a private one)', async () => {
    const lookup = resolving({
      'internal.example.com': ['10.0.0.5'],
      'mixed.example.com': ['93.184.215.14', '127.0.0.1'],
      'empty.example.com': [],
    });
    for (const host of ['internal.example.com', 'mixed.example.com', 'empty.example.com', '127.0.0.1']) {
      await expect(publicAddressOf(host, lookup), host).rejects.toBeInstanceOf(SmtpHostRefused);
    }
  });
});
