import { Resolver } from 'node:dns/promises';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

/** What a TXT lookup found: the records (each one's strings joined), none at all, or a failure. */
export type TxtLookupResult =
  | { kind: 'records'; values: string[] }
  | { kind: 'none' }
  | { kind: 'failed'; code: string };

/** Answers that prove the name has no TXT record, as opposed to a lookup that did not work. */
const NO_RECORD = new Set(['ENOTFOUND', 'ENODATA']);

/**
 * DNS TXT lookups for domain verification, behind a small adapter: the servers come from
 * LATCHKEY_DNS_SERVERS (the system's when unset), so tests and split-horizon setups can point it
 * at their own resolver. Bounded in time: a request never waits on DNS for more than a few seconds.
 */
@Injectable()
export class TxtLookup {
  private readonly resolver = new Resolver({ timeout: 2_000, tries: 2 });

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (config.dnsServers) this.resolver.setServers(config.dnsServers);
  }

  async lookup(name: string): Promise<TxtLookupResult> {
    try {
      // A TXT record may be split into several strings of up to 255 bytes; they form one value.
      const values = (await this.resolver.resolveTxt(name)).map((chunks) => chunks.join(''));
      return values.length === 0 ? { kind: 'none' } : { kind: 'records', values };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
      return NO_RECORD.has(code) ? { kind: 'none' } : { kind: 'failed', code };
    }
  }
}
