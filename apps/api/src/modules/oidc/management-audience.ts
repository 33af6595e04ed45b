/**
 * The audience (RFC 8707 resource) of access tokens for Latchkey's own management API, the same in
 * every tenant: `PUBLIC_URL/api/v1`. Only m2m applications with management access get it.
 */
export const managementAudience = (publicUrl: string): string => `${publicUrl.replace(/\/+$/, '')}/api/v1`;

/** The scope management tokens carry; finer scopes come with the console (F5). */
export const MANAGEMENT_SCOPE = 'management';
