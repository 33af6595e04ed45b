import { AppError } from '../errors/app-error.js';
import type { TxtLookup } from './txt-lookup.js';

export const DnsErrorCode = {
  DomainVerificationFailed: 'domain-verification-failed',
  DnsLookupFailed: 'dns-lookup-failed',
} as const;

/** Where a domain's proof of control is published. */
export const challengeRecordName = (domain: string) => `_latchkey-challenge.${domain}`;

const verificationFailed = (record: string, expected: string, found: string[]) =>
  new AppError(DnsErrorCode.DomainVerificationFailed, 422, 'Domain not verified', {
    detail:
      `Expected a TXT record ${record} with the value "${expected}"; ` +
      (found.length === 0
        ? 'found no TXT record there.'
        : `found ${found.map((value) => JSON.stringify(value)).join(', ')}.`) +
      ' DNS changes can take a while to propagate: publish the record and try again.',
  });

/** The lookup itself failed (timeout, SERVFAIL, refused): nothing is known about the record yet. */
const lookupFailed = (record: string, code: string) =>
  new AppError(DnsErrorCode.DnsLookupFailed, 503, 'DNS lookup failed', {
    detail: `Looking up the TXT record ${record} failed (${code}). Try again later.`,
    headers: { 'retry-after': '30' },
  });

/**
 * Proves control of `domain`: a TXT record at `_latchkey-challenge.<domain>` must equal `token`.
 * Throws 422 when the record is missing or different (saying what was found), 503 when DNS failed.
 * Call it outside any transaction: DNS may take seconds.
 */
export async function assertTxtChallenge(txt: TxtLookup, domain: string, token: string): Promise<void> {
  const record = challengeRecordName(domain);
  const found = await txt.lookup(record);
  if (found.kind === 'failed') throw lookupFailed(record, found.code);
  const values = found.kind === 'records' ? found.values : [];
  if (!values.includes(token)) throw verificationFailed(record, token, values);
}
