import type { KoaContextWithOIDC } from 'oidc-provider';

/** Escapes text for HTML element content and attribute values. */
export const escapeHtml = (value: unknown): string =>
  String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The few pages oidc-provider renders itself (errors, logout confirmation, device flow). Plain,
 * self-contained HTML: no scripts, no third-party fonts or requests, readable by screen readers.
 * F4 brands them per tenant.
 */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f6f7f9;color:#1b1f24;margin:0;padding:48px 16px}
main{max-width:420px;margin:0 auto;background:#fff;border-radius:12px;padding:32px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
h1{font-size:1.4rem;margin:0 0 16px}p{line-height:1.5}
button,input{font:inherit;padding:10px 14px;border-radius:8px;border:1px solid #c7ccd3}
button{background:#2b59c3;color:#fff;border-color:#2b59c3;cursor:pointer;width:100%;margin-top:12px}
button.secondary{background:#fff;color:#2b59c3}
label{display:block;margin:12px 0 6px}input{width:100%;box-sizing:border-box}
dl{font-size:.9rem;color:#4a5563}dt{font-weight:600}dd{margin:0 0 8px}
</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

export async function renderError(
  ctx: KoaContextWithOIDC,
  out: { error: string; error_description?: string },
): Promise<void> {
  ctx.type = 'html';
  ctx.body = page(
    'Sign-in error',
    `<h1>Something went wrong</h1>
<p>${escapeHtml(out.error_description ?? 'The request could not be completed.')}</p>
<dl><dt>Error</dt><dd><code>${escapeHtml(out.error)}</code></dd></dl>
<p>Go back to the application and try again.</p>`,
  );
}

export async function logoutSource(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  ctx.body = page(
    'Sign out',
    `<h1>Sign out?</h1>
<p>Do you want to sign out of ${escapeHtml(ctx.oidc.client?.clientName ?? ctx.host)}?</p>
${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button class="secondary" type="submit" form="op.logoutForm">No, stay signed in</button>`,
  );
}

export async function postLogoutSuccessSource(ctx: KoaContextWithOIDC): Promise<void> {
  ctx.body = page('Signed out', '<h1>You are signed out</h1><p>You can close this window.</p>');
}

export async function userCodeInputSource(
  ctx: KoaContextWithOIDC,
  form: string,
  _out: unknown,
  err?: { name?: string; userCode?: string },
): Promise<void> {
  const message = !err
    ? 'Enter the code shown on your device.'
    : err.userCode || err.name === 'NoCodeError'
      ? 'That code is not valid. Check it and try again.'
      : 'The request could not be completed. Start again on your device.';
  ctx.body = page(
    'Connect a device',
    `<h1>Connect a device</h1>
<p role="${err ? 'alert' : 'status'}">${escapeHtml(message)}</p>
${form}
<label for="user-code">Code</label>
<input id="user-code" name="user_code" form="op.deviceInputForm" autocomplete="one-time-code" autocapitalize="characters" required autofocus>
<button type="submit" form="op.deviceInputForm">Continue</button>`,
  );
}

export async function userCodeConfirmSource(
  ctx: KoaContextWithOIDC,
  form: string,
  _client: unknown,
  _deviceInfo: unknown,
  userCode: string,
): Promise<void> {
  ctx.body = page(
    'Confirm the device',
    `<h1>Confirm the device</h1>
<p>${escapeHtml(ctx.oidc.client?.clientName ?? ctx.oidc.client?.clientId ?? 'An application')} asks to sign in.
Check that your device shows this code:</p>
<p><strong style="font-size:1.6rem;letter-spacing:.1em">${escapeHtml(userCode)}</strong></p>
${form}
<button autofocus type="submit" form="op.deviceConfirmForm">Continue</button>
<button class="secondary" type="submit" form="op.deviceConfirmForm" value="yes" name="abort">Cancel</button>`,
  );
}

export async function deviceSuccessSource(ctx: KoaContextWithOIDC): Promise<void> {
  ctx.body = page('Device connected', '<h1>Device connected</h1><p>You can return to your device.</p>');
}
