import http from 'node:http';

/**
 * A `fetch` that sends requests for the given host names to 127.0.0.1:`port` with their own Host
 * header, as a browser would after DNS resolved a tenant's custom domain to this server (Node's
 * fetch cannot set Host). Everything else goes to `fallback`. Enough for openid-client, jose and
 * ScriptedBrowser: no redirect following (they all ask for `redirect: 'manual'`), bodies as text.
 */
export function fetchVia(
  port: number,
  hosts: readonly string[],
  fallback: typeof fetch = globalThis.fetch,
): typeof fetch {
  const mapped = new Set(hosts.map((host) => host.toLowerCase()));
  return async (input, init) => {
    const request = input instanceof Request ? input : undefined;
    const url = new URL(request ? request.url : input.toString());
    if (!mapped.has(url.hostname)) return fallback(input, init);
    const headers = new Headers(init?.headers ?? request?.headers);
    headers.set('host', url.host);
    const body = init?.body ?? (request ? await request.text() : undefined);
    const text = body === undefined || body === null ? undefined : await new Response(body).text();
    return new Promise<Response>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: init?.method ?? request?.method ?? 'GET',
          path: `${url.pathname}${url.search}`,
          headers: Object.fromEntries(headers),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const out = new Headers();
            for (const [name, value] of Object.entries(res.headers)) {
              for (const one of Array.isArray(value) ? value : [value ?? '']) out.append(name, one);
            }
            const status = res.statusCode ?? 500;
            const empty = status === 204 || status === 304;
            resolve(new Response(empty ? null : Buffer.concat(chunks), { status, headers: out }));
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(text);
    });
  };
}
