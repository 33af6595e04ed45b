import type { TInteractionDetails, TInteractionNextStep, TInteractionRedirect } from '@latchkey/contracts';
import { isRecord } from './interaction-failure';

/**
 * Light checks of the interaction API's answers, standing in for the zod schemas of
 * @latchkey/contracts: those would add ~34 KB gzipped to a page that must load fast on a phone
 * (docs/adr/0010-login-validates-lightly.md). They check what the pages rely on to pick a step and
 * to post back; the types still come from the contracts.
 */
export function checkDetails(body: unknown): TInteractionDetails | null {
  if (!isRecord(body) || !isRecord(body.prompt) || !isRecord(body.client) || !isRecord(body.tenant)) {
    return null;
  }
  const { prompt, client, tenant, organizations } = body;
  const valid =
    isString(body.uid) &&
    isString(body.csrfToken) &&
    isString(body.expiresAt) &&
    isRecord(body.params) &&
    (prompt.name === 'login' ||
      prompt.name === 'select_account' ||
      prompt.name === 'consent' ||
      prompt.name === 'organization') &&
    isStringArray(prompt.reasons) &&
    optional(prompt.missingScopes, isStringArray) &&
    optional(prompt.missingResourceScopes, isScopeMap) &&
    isString(client.clientId) &&
    optional(client.name, isString) &&
    typeof client.firstParty === 'boolean' &&
    isString(tenant.slug) &&
    isString(tenant.displayName) &&
    optional(organizations, isOrganizations) &&
    optional(body.params.loginHint, isString) &&
    optional(body.session, isSession) &&
    isSignUp(body.signUp) &&
    optional(body.verification, isVerification) &&
    optional(body.emailCode, isVerification);
  return valid ? (body as TInteractionDetails) : null;
}

/**
 * The answer to every step: where the browser goes next. Only http(s): a `javascript:` URL handed
 * to `location.assign` would run in this page.
 */
export function checkRedirect(body: unknown, pageUrl: string): TInteractionRedirect | null {
  if (!isRecord(body) || !isString(body.redirectTo)) return null;
  try {
    const { protocol } = new URL(body.redirectTo, pageUrl);
    return protocol === 'https:' || protocol === 'http:' ? { redirectTo: body.redirectTo } : null;
  } catch {
    return null;
  }
}

/** The answer of steps that stay on the page: which step comes next. */
export function checkNextStep(body: unknown): TInteractionNextStep | null {
  if (!isRecord(body)) return null;
  const { next } = body;
  return next === 'verify-email' || next === 'email-code' || next === 'check-email' || next === 'sign-in'
    ? { next }
    : null;
}

const isString = (value: unknown): value is string => typeof value === 'string';
// A required field this page does not know yet is left to the API to name (its 400 lists it).
const isSignUp = (value: unknown) =>
  isRecord(value) &&
  typeof value.enabled === 'boolean' &&
  isStringArray(value.requiredFields) &&
  typeof value.passwordMinLength === 'number' &&
  typeof value.verificationLink === 'boolean';
const isVerification = (value: unknown) =>
  isRecord(value) &&
  isString(value.email) &&
  !Number.isNaN(Date.parse(String(value.expiresAt))) &&
  !Number.isNaN(Date.parse(String(value.resendAvailableAt)));
const isSession = (value: unknown) =>
  isRecord(value) &&
  isString(value.accountId) &&
  optional(value.name, isString) &&
  optional(value.email, isString);
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);
const optional = (value: unknown, check: (value: unknown) => boolean) => value === undefined || check(value);
const isScopeMap = (value: unknown) => isRecord(value) && Object.values(value).every(isStringArray);
const isOrganizations = (value: unknown) =>
  isRecord(value) &&
  typeof value.required === 'boolean' &&
  Array.isArray(value.choices) &&
  value.choices.every((c) => isRecord(c) && isString(c.id) && isString(c.name) && isString(c.slug));
