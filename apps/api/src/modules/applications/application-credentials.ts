import { randomUUID } from 'node:crypto';
import { randomBase62 } from '../../platform/crypto/random-string.js';
import type { SecretBox } from '../../platform/crypto/secret-box.js';

/** 24 base62 characters (~143 bits): unguessable, URL-safe, and short enough to read out. */
export const newClientId = (): string => randomBase62(24);

/** 43 base62 characters: 256 bits of randomness. */
const SECRET_LENGTH = 43;

export interface NewClientSecret {
  /** The row id, chosen here because the sealed value is bound to it. */
  id: string;
  /** Shown to the caller once, never stored as such. */
  secret: string;
  sealed: string;
  hint: string;
}

/**
 * Sealed, not hashed: oidc-provider compares the plaintext and may use it as an HMAC key (HS256
 * ID tokens, client_secret_jwt). The context binds the sealed value to its own row, so a value
 * copied into another row, application or tenant does not open.
 */
export const clientSecretContext = (tenantId: string, secretId: string): string =>
  `client-secret:${tenantId}:${secretId}`;

/** A new random client secret value: what `newClientSecret` issues (and dynamic registration hands out). */
export const newClientSecretValue = (): string => randomBase62(SECRET_LENGTH);

export function newClientSecret(box: SecretBox, tenantId: string): NewClientSecret {
  return sealClientSecret(box, tenantId, newClientSecretValue());
}

/** A new secret row for a secret chosen elsewhere (oidc-provider's registration endpoint). */
export function sealClientSecret(box: SecretBox, tenantId: string, secret: string): NewClientSecret {
  const id = randomUUID();
  return { id, secret, sealed: box.seal(secret, clientSecretContext(tenantId, id)), hint: secret.slice(-4) };
}

export const openClientSecret = (
  box: SecretBox,
  tenantId: string,
  row: { id: string; secretSealed: string },
): string => box.open(row.secretSealed, clientSecretContext(tenantId, row.id));
