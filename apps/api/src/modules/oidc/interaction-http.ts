import type { ServerResponse } from 'node:http';
import express from 'express';
import type Provider from 'oidc-provider';
import typeIs from 'type-is';
import { AppError } from '../../platform/errors/app-error.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import type { InteractionRequest } from './interaction-request.js';
import type { InteractionsService } from './interactions.service.js';

/** `/interaction/{uid}` and its actions, inside a tenant's base path. */
export const INTERACTION_PATH =
  /^\/interaction\/([A-Za-z0-9_-]{1,64})(?:\/(details|login|consent|organization|abort|sign-up(?:\/complete)?|verify-email|resend-code|password-reset|email-code(?:\/verify|\/resend)?|continue|use-another-account))?$/;

export interface InteractionTarget {
  tenant: TenantRecord;
  provider: Provider;
  /** The tenant's base path on this address (`/t/{slug}`, or empty on its own host). */
  basePath: string;
}

type Handler = (
  this: InteractionsService,
  ...args: Parameters<InteractionsService['login']>
) => Promise<object>;

/**
 * The login interaction API on bare Node request and response objects, so that the fast path
 * (oidc-fast-path.ts) and Express (custom domains, oidc-http.ts) serve it the same way. Failures
 * are thrown as AppErrors: each caller turns them into problem+json.
 */
export function interactionServer(interactions: InteractionsService, bodyLimitBytes: number) {
  const parseJson = express.json({ limit: bodyLimitBytes, type: () => true });
  const handlers: Record<string, Handler> = {
    login: interactions.login,
    consent: interactions.consent,
    organization: interactions.organization,
    abort: interactions.abort,
    'sign-up': interactions.signUp,
    'sign-up/complete': interactions.completeSignUp,
    'verify-email': interactions.verifyEmail,
    'resend-code': interactions.resendCode,
    'password-reset': interactions.passwordReset,
    'email-code': interactions.emailCode,
    'email-code/verify': interactions.emailCodeVerify,
    'email-code/resend': interactions.emailCodeResend,
    continue: interactions.continueSession,
    'use-another-account': interactions.useAnotherAccount,
  };

  return async function serveInteraction(
    req: InteractionRequest,
    res: ServerResponse,
    target: InteractionTarget,
    uid: string,
    action: string | undefined,
  ): Promise<void> {
    const { provider, tenant } = target;
    if (req.method === 'GET' && action === undefined) {
      // The browser arrives here from the authorization endpoint: show the hosted login page.
      await interactions.load(provider, req, res, uid);
      redirect(res, `${target.basePath}/login/?uid=${encodeURIComponent(uid)}`);
      return;
    }
    if (req.method === 'GET' && action === 'details') {
      const interaction = await interactions.load(provider, req, res, uid);
      sendJson(res, await interactions.details(provider, tenant, interaction));
      return;
    }
    const handler = req.method === 'POST' && action !== undefined ? handlers[action] : undefined;
    if (!handler) throw new AppError('method-not-allowed', 405, 'Method not allowed');
    if (!typeIs(req, ['application/json'])) {
      throw new AppError('unsupported-media-type', 415, 'Unsupported media type', {
        detail: 'The interaction API accepts application/json only.',
      });
    }
    await new Promise<void>((done, fail) =>
      parseJson(req as never, res as never, (err?: unknown) => (err ? fail(err) : done())),
    );
    const interaction = await interactions.load(provider, req, res, uid);
    sendJson(res, await handler.call(interactions, provider, tenant, req, res, interaction));
  };
}

/** An answer of the interaction API: never stored by a cache (it carries the CSRF token). */
function sendJson(res: ServerResponse, body: object): void {
  const json = JSON.stringify(body);
  res.statusCode = 200;
  res.setHeader('cache-control', 'no-store');
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(json));
  res.end(json);
}

/** 303 to a path of our own (built here, never from the request). */
function redirect(res: ServerResponse, location: string): void {
  res.statusCode = 303;
  res.setHeader('location', location);
  res.setHeader('content-length', 0);
  res.end();
}
