import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/** One message as the test SMTP server received it. */
export interface ReceivedMail {
  /** The envelope (MAIL FROM / RCPT TO), not the headers. */
  from: string;
  to: string[];
  /** Who authenticated, if anyone. */
  user: string | undefined;
  raw: string;
  /** Unfolded headers, names in lower case (the last one wins for repeated names). */
  headers: Record<string, string>;
  /** The decoded text/plain and text/html parts. */
  text: string;
  html: string;
}

export interface TestSmtpServerOptions {
  /** Require AUTH with these credentials (PLAIN/LOGIN over the plain connection). */
  auth?: { user: string; pass: string };
}

interface PlannedFailure {
  code: number;
  message: string;
}

/**
 * A real SMTP listener on 127.0.0.1 for tests (smtp-server): it collects what it accepts, can
 * require authentication, and can be told to refuse the next messages with a 4xx or 5xx reply.
 * STARTTLS is not offered, so clients stay on the plain connection.
 */
export class TestSmtpServer {
  readonly messages: ReceivedMail[] = [];
  readonly logins: Array<{ user: string; ok: boolean }> = [];
  /** How many DATA commands were refused on purpose. */
  refused = 0;
  private failures: PlannedFailure[] = [];
  private always: PlannedFailure | undefined;

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
    private readonly options: TestSmtpServerOptions,
  ) {}

  static async start(options: TestSmtpServerOptions = {}): Promise<TestSmtpServer> {
    let self: TestSmtpServer | undefined;
    const config: SMTPServerOptions = {
      logger: false,
      hideSTARTTLS: true,
      authMethods: ['PLAIN', 'LOGIN'],
      allowInsecureAuth: true,
      authOptional: !options.auth,
      ...(options.auth ? {} : { disabledCommands: ['AUTH'] }),
      onAuth: (auth, _session, callback) => {
        const ok = auth.username === options.auth?.user && auth.password === options.auth?.pass;
        self?.logins.push({ user: auth.username ?? '', ok });
        if (!ok) {
          callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
          return;
        }
        callback(null, { user: auth.username });
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const failure = self?.nextFailure();
          if (failure) {
            if (self) self.refused += 1;
            callback(Object.assign(new Error(failure.message), { responseCode: failure.code }));
            return;
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          self?.messages.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            user: typeof session.user === 'string' ? session.user : undefined,
            raw,
            ...parseMessage(raw),
          });
          callback(null);
        });
      },
    };
    const server = new SMTPServer(config);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    server.on('error', () => undefined); // a client dropping mid-session is not a test failure
    const port = (server.server.address() as AddressInfo).port;
    self = new TestSmtpServer(server, port, options);
    return self;
  }

  /** `smtp://[user:pass@]127.0.0.1:port`, for SMTP_URL. */
  get url(): string {
    const auth = this.options.auth
      ? `${encodeURIComponent(this.options.auth.user)}:${encodeURIComponent(this.options.auth.pass)}@`
      : '';
    return `smtp://${auth}127.0.0.1:${this.port}`;
  }

  /** Refuses the next `count` messages (at the end of DATA) with `code`. */
  failNext(count: number, code = 451, message = 'Temporary local problem, try again later'): void {
    for (let i = 0; i < count; i += 1) this.failures.push({ code, message });
  }

  /** Refuses every message with `code` until `acceptAll`. */
  failAlways(code = 451, message = 'Temporary local problem, try again later'): void {
    this.always = { code, message };
  }

  acceptAll(): void {
    this.always = undefined;
    this.failures = [];
  }

  /** The messages received for `to` (envelope recipient). */
  to(address: string): ReceivedMail[] {
    return this.messages.filter((m) => m.to.includes(address));
  }

  async waitFor<T>(probe: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = probe();
      if (found) return found;
      await sleep(25);
    }
    throw new Error(`timed out after ${timeoutMs} ms; received ${this.messages.length} message(s)`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private nextFailure(): PlannedFailure | undefined {
    return this.failures.shift() ?? this.always;
  }
}

/** Just enough MIME for tests: unfolded headers and the decoded text and HTML parts. */
function parseMessage(raw: string): Pick<ReceivedMail, 'headers' | 'text' | 'html'> {
  const { headers, body } = splitHeaders(raw);
  const parts: Array<{ headers: Record<string, string>; body: string }> = [];
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  const collect = (part: { headers: Record<string, string>; body: string }) => {
    const inner = /boundary="?([^";]+)"?/i.exec(part.headers['content-type'] ?? '')?.[1];
    if (!inner) {
      parts.push(part);
      return;
    }
    for (const piece of part.body.split(`--${inner}`).slice(1, -1))
      collect(splitHeaders(piece.replace(/^\r\n/, '')));
  };
  collect(boundary ? { headers, body } : { headers, body });
  const find = (type: string) => {
    const part = parts.find((p) => (p.headers['content-type'] ?? 'text/plain').startsWith(type));
    return part ? decodeBody(part.body, part.headers['content-transfer-encoding']) : '';
  };
  return { headers, text: find('text/plain'), html: find('text/html') };
}

function splitHeaders(raw: string): { headers: Record<string, string>; body: string } {
  const end = raw.indexOf('\r\n\r\n');
  const head = end < 0 ? raw : raw.slice(0, end);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: end < 0 ? '' : raw.slice(end + 4) };
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch (encoding?.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable': {
      const bytes = body
        .replace(/=\r\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
      return Buffer.from(bytes, 'latin1').toString('utf8');
    }
    default:
      return body;
  }
}
