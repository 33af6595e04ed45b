import type { TInteractionDetails } from '@latchkey/contracts';
import type { TMessages } from '../../i18n/en';

export interface TPermissionLine {
  key: string;
  text: string;
}

/**
 * What the application asks for, as sentences a user can judge: OIDC scopes in plain words, API
 * permissions by name and API. `openid` comes first (it is what signing in means); a scope asked for
 * both ways is listed once.
 */
export function describeScopes(
  prompt: TInteractionDetails['prompt'],
  t: TMessages['consent'],
): TPermissionLine[] {
  const scopes = [...new Set(prompt.missingScopes ?? [])].sort(
    (a, b) => Number(b === 'openid') - Number(a === 'openid'),
  );
  const lines = scopes.map((scope) => ({
    key: `oidc:${scope}`,
    text: t.scopes[scope] ?? t.otherScope(scope),
  }));
  for (const [api, permissions] of Object.entries(prompt.missingResourceScopes ?? {})) {
    for (const permission of new Set(permissions)) {
      lines.push({ key: `api:${api}:${permission}`, text: t.apiPermission(permission, api) });
    }
  }
  return lines;
}
