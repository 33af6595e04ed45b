import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { ApiServer } from '../lib/api-server.js';
import { createApiKey } from '../lib/cli.js';
import { runClosedLoop, UnexpectedStatus } from '../lib/closed-loop.js';
import { openLogin, type PendingLogin, signInWithPassword } from '../lib/oidc-sign-in.js';
import { measureRawVerify } from '../lib/raw-argon2.js';
import type { Measurement, Scenario, ScenarioContext } from '../lib/scenario.js';
import { SliceTotals } from '../lib/slices.js';
import { LatencyRecorder } from '../lib/stats.js';
import { checkShare, checkThroughput } from '../lib/targets.js';

/** F4 acceptance 6: the password step at no less than this share of raw argon2id verifications… */
const TARGET_SHARE = 0.85;
/** …and complete authorization-code sign-ins per second on one core (Keycloak budgets 15 per vCPU). */
const TARGET_SIGN_INS = 50;

const TENANT = 'bench-sign-in';
const REDIRECT_URI = 'https://app.bench.example/cb';
/** Sign-ins rotate over this many users, so no one user's row is updated by every sign-in at once. */
const USERS = 32;
/** Concurrent complete sign-ins: each is six requests in a row, so a few keep the one core busy. */
const SIGN_IN_WORKERS = 8;
/** Concurrent authorization requests while the pending interactions are prepared. */
const PREPARE_WORKERS = 8;
/** Unmeasured complete sign-ins before anything is measured (every step of the flow gets hot). */
const WARM_UP_SECONDS = 5;
/** Pending interactions prepared per login the raw rate predicts for the login row, for safety. */
const POOL_MARGIN = 1.5;

const PHC_PREFIX = '$argon2id$v=19$m=19456,t=2,p=1$';

interface SignInTenant {
  issuer: string;
  web: { clientId: string; clientSecret: string };
  emails: string[];
  password: string;
  /** One user's stored PHC string, for the raw verifications. */
  hash: string;
}

/**
 * F4 acceptance 6, at the API's argon2id parameters (OWASP: m = 19 MiB, t = 2, p = 1), everything
 * on the one API core:
 *
 * 1. `raw argon2id verify`: @node-rs/argon2's verify alone on a user's stored hash, in a process
 *    pinned to the API's CPU, with as many verifications outstanding as the login row has
 *    connections (both run one at a time per CPU they may use: the API's HashSlots).
 * 2. `interaction password step`: POST …/interaction/{uid}/login with the right password, each on an
 *    interaction prepared beforehand (a login consumes its interaction's login prompt); held to
 *    ≥ 85 % of row 1.
 *    Rows 1 and 2 are measured in alternating slices (measureInTurns), so a drift of the machine's
 *    speed hits both alike.
 * 3. `complete sign-ins`: authorize → interaction details → login → resume → code → token with
 *    PKCE, no browser; held to ≥ 50 per second.
 */
export default {
  name: 'password-sign-in',
  description:
    'argon2id (m=19 MiB, t=2): raw verify vs POST …/interaction/{uid}/login, and complete code + PKCE sign-ins',
  target: `login step ≥ ${TARGET_SHARE * 100} % of raw argon2id verify/s, ≥ ${TARGET_SIGN_INS} sign-ins/s/core`,
  async run(ctx) {
    const api = await ctx.startApi({ redis: true });
    const tenant = await prepareTenant(api);
    ctx.log(`tenant ready: ${tenant.issuer}, ${tenant.emails.length} users`);
    const { connections, warmupSeconds, durationSeconds } = ctx.settings;
    let nextUser = 0;
    const signIn = async () => {
      const tokens = await signInWithPassword({
        issuer: tenant.issuer,
        client: tenant.web,
        redirectUri: REDIRECT_URI,
        scope: 'openid',
        identifier: tenant.emails[nextUser++ % tenant.emails.length] ?? '',
        password: tenant.password,
      });
      if (typeof tokens.access_token !== 'string' || typeof tokens.id_token !== 'string') {
        throw new Error(`the token answer lacks a token: ${Object.keys(tokens).join(', ')}`);
      }
    };

    if (warmupSeconds > 0) {
      ctx.log(`warm-up: ${WARM_UP_SECONDS} s of complete sign-ins`);
      const { measurement: warm } = await runClosedLoop({
        label: 'warm-up',
        unit: 'sign-ins/s',
        workers: SIGN_IN_WORKERS,
        warmupSeconds: 0,
        durationSeconds: WARM_UP_SECONDS,
        operation: signIn,
      });
      if (warm.completed === 0)
        throw new Error(`no sign-in succeeded in the warm-up: ${warm.notes.join('; ')}`);
    }

    const { raw, loginStep, prepared } = await measureInTurns(ctx, api, tenant);

    ctx.log(`complete sign-ins: ${SIGN_IN_WORKERS} workers`);
    const complete = await runClosedLoop({
      label: 'password-sign-in / complete sign-ins',
      unit: 'sign-ins/s',
      workers: SIGN_IN_WORKERS,
      warmupSeconds,
      durationSeconds,
      operation: signIn,
      serverPid: api.pid,
      noun: 'sign-in',
    });

    const rawRow = {
      ...raw.measurement,
      notes: [...raw.measurement.notes, `on a user's stored hash (${PHC_PREFIX}…), the right password`],
    };
    const loginRow = checkShare(ctx, loginStep.measurement, raw.measurement, TARGET_SHARE);
    if (loginStep.cpuMs !== undefined && raw.cpuMs !== undefined) {
      const own = loginStep.cpuMs - raw.cpuMs;
      loginRow.notes.push(
        `the login step's own work ≈ ${own.toFixed(2)} ms of CPU per login beyond the raw verification ` +
          `(${raw.cpuMs.toFixed(2)} ms), ${Math.round((own / loginStep.cpuMs) * 100)} % of the login's CPU`,
      );
    }
    loginRow.notes.push(
      `${connections} connections, one login each at a time, each on its own pending interaction ` +
        `(authorization request and details beforehand, ${prepared.toLocaleString('en-US')} prepared, ` +
        'not measured); per login, ahead of Express (the OIDC fast path): the interaction from Redis, ' +
        'CSRF check, IP and account throttle ' +
        '(one Redis round trip), the user by identifier (one PostgreSQL statement), argon2id verify ' +
        '(one at a time per CPU; with one CPU on the event loop’s thread, queued ones back to back up ' +
        'to 50 ms a turn), the interaction ' +
        'result to Redis; the last sign-in time is written ' +
        'in batches, the throttle reset only after failures',
    );
    const completeRow = checkThroughput(ctx, complete.measurement, TARGET_SIGN_INS);
    completeRow.notes.push(
      `${SIGN_IN_WORKERS} workers, each one sign-in at a time with its own cookie jar and PKCE pair, users ` +
        `in turn (${USERS}), scope openid, first-party web application (no consent prompt); per sign-in: ` +
        'GET authorize (303), GET interaction details, POST login, GET resume (303 to the callback with ' +
        'the code), POST token (client_secret_basic, code_verifier); the login page itself (static ' +
        'assets) is not fetched',
    );
    return [rawRow, loginRow, completeRow];
  },
} satisfies Scenario;

/**
 * The tenant through the management API with a platform key: a first-party web application and
 * USERS users with one password. Sign-in protection is raised: successful sign-ins never count
 * against it, but a few stray failures (a timeout) must not turn the rest of the run into 429s
 * from one IP.
 */
async function prepareTenant(api: ApiServer): Promise<SignInTenant> {
  const key = await createApiKey(api.databaseUrl, 'system');
  const send = async <T>(method: 'POST' | 'PATCH', path: string, body: unknown, expected: number) => {
    const res = await fetch(`${api.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer: unknown = await res.json();
    if (res.status !== expected)
      throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(answer)}`);
    return answer as T;
  };

  await send('POST', '/tenants', { slug: TENANT, displayName: 'Password sign-in bench' }, 201);
  await send(
    'PATCH',
    `/tenants/${TENANT}`,
    { settings: { signInProtection: { throttleAfter: 100, lockAfter: 1000, ipFailureLimit: 100_000 } } },
    200,
  );
  const app = await send<{ clientId?: unknown; clientSecret?: unknown }>(
    'POST',
    `/tenants/${TENANT}/applications`,
    { name: 'Bench web', type: 'web', redirectUris: [REDIRECT_URI] },
    201,
  );
  if (typeof app.clientId !== 'string' || typeof app.clientSecret !== 'string') {
    throw new Error(`the application has no client secret: ${JSON.stringify(app)}`);
  }
  const password = randomBytes(18).toString('base64url');
  const emails = Array.from({ length: USERS }, (_, i) => `user${i}@bench.example`);
  for (const email of emails) {
    await send('POST', `/tenants/${TENANT}/users`, { email, password, emailVerified: true }, 201);
  }

  const client = new pg.Client({ connectionString: api.databaseUrl });
  await client.connect();
  let hash: unknown;
  try {
    const { rows } = await client.query('SELECT password_hash FROM users WHERE email = $1', [emails[0]]);
    hash = rows[0]?.password_hash;
  } finally {
    await client.end();
  }
  if (typeof hash !== 'string' || !hash.startsWith(PHC_PREFIX)) {
    throw new Error(`the stored hash is not argon2id at OWASP parameters: ${String(hash).slice(0, 40)}`);
  }
  return {
    issuer: `${api.url}/t/${TENANT}`,
    web: { clientId: app.clientId, clientSecret: app.clientSecret },
    emails,
    password,
    hash,
  };
}

/** Login interactions waiting for a password, each bound to its own cookies, prepared unmeasured. */
async function preparePendingLogins(ctx: ScenarioContext, tenant: SignInTenant, count: number) {
  ctx.log(`preparing ${count} pending login interactions`);
  const started = performance.now();
  const pool: PendingLogin[] = [];
  const worker = async () => {
    while (pool.length < count) {
      pool.push(
        await openLogin({
          issuer: tenant.issuer,
          client: tenant.web,
          redirectUri: REDIRECT_URI,
          scope: 'openid',
        }),
      );
    }
  };
  await Promise.all(Array.from({ length: PREPARE_WORKERS }, worker));
  ctx.log(`prepared ${pool.length} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return pool;
}

/** Slices per side: raw verification and the login step take turns, each slice this many times. */
const TURNS = 10;
/**
 * Unmeasured seconds at the start of every slice, both sides alike: the raw verifier is a fresh
 * process whose first hash faults its memory in; the login side starts all its connections at once
 * after a second of idleness, and its first answers wait for the whole burst's first steps.
 */
const SLICE_WARM_UP = 0.5;

/**
 * Raw argon2id verification and the login step, measured in alternating slices (raw, login, login,
 * raw, …) and added up per side: on a virtual machine whose speed drifts by tens of percent within
 * a minute, two blocks back to back compared two different machines. The raw side's warm-up run
 * tells how many pending interactions the login slices need; they are prepared before the turns.
 */
async function measureInTurns(ctx: ScenarioContext, api: ApiServer, tenant: SignInTenant) {
  const { connections, warmupSeconds, durationSeconds } = ctx.settings;
  const slice = Math.max(1, durationSeconds / TURNS);
  const rawSide = new SliceTotals();
  const loginSide = new SliceTotals();
  const raw = (seconds: number, warm: number, recorder = rawSide.recorder) =>
    measureRawVerify(
      {
        label: 'password-sign-in / raw argon2id verify',
        unit: 'passwords/s',
        hash: tenant.hash,
        password: tenant.password,
        concurrency: connections,
        warmupSeconds: warm,
        durationSeconds: seconds,
        recorder,
      },
      ctx.pinning,
    );

  ctx.log(`raw argon2id verify: ${connections} outstanding, in a process on the API's CPU (warm-up)`);
  const estimate = await raw(Math.max(1, warmupSeconds), SLICE_WARM_UP, new LatencyRecorder());
  const loginSeconds = warmupSeconds + TURNS * (SLICE_WARM_UP + slice);
  const needed = estimate.measurement.throughput * loginSeconds * POOL_MARGIN;
  const pool = await preparePendingLogins(ctx, tenant, Math.ceil(needed) + connections);
  const login = loginOperation(tenant, pool);
  const loginRun = (seconds: number, warm: number, recorder?: LatencyRecorder) =>
    runClosedLoop({
      label: 'password-sign-in / interaction password step',
      unit: 'passwords/s',
      workers: connections,
      warmupSeconds: warm,
      durationSeconds: seconds,
      serverPid: api.pid,
      noun: 'login',
      operation: login,
      ...(recorder ? { recorder } : {}),
    });
  if (warmupSeconds > 0) await loginRun(warmupSeconds, 0);

  ctx.log(
    `raw verify and POST …/interaction/{uid}/login in ${TURNS} turns of ${slice} s, ${connections} connections`,
  );
  for (let turn = 0; turn < TURNS; turn++) {
    const rawFirst = turn % 2 === 0;
    for (const side of rawFirst ? ['raw', 'login'] : ['login', 'raw']) {
      if (side === 'raw') {
        const r = await raw(slice, SLICE_WARM_UP);
        rawSide.add(r.measurement, slice, r.cpuMs);
      } else {
        const l = await loginRun(slice, SLICE_WARM_UP, loginSide.recorder);
        loginSide.add(l.measurement, slice, l.serverCpuMs);
      }
    }
  }
  return {
    raw: withCpuNote(
      rawSide.combine('password-sign-in / raw argon2id verify', 'passwords/s'),
      'CPU',
      'verification',
    ),
    loginStep: withCpuNote(
      loginSide.combine('password-sign-in / interaction password step', 'passwords/s'),
      'server CPU',
      'login',
    ),
    prepared: pool.length,
  };
}

function withCpuNote(
  side: { measurement: Measurement; cpuMs?: number; coreShare?: number },
  what: string,
  noun: string,
) {
  if (side.cpuMs !== undefined && side.coreShare !== undefined) {
    side.measurement.notes.push(
      `${what} ≈ ${side.cpuMs.toFixed(2)} ms per ${noun}; the process kept ` +
        `${Math.round(side.coreShare * 100)} % of a core busy`,
    );
  }
  return side;
}

/** POST …/login with the right password, each request on the next prepared interaction. */
function loginOperation(tenant: SignInTenant, pool: PendingLogin[]) {
  let next = 0;
  return async () => {
    const i = next++;
    const pending = pool[i];
    if (!pending) throw new Error(`ran out of prepared interactions after ${pool.length}`);
    const res = await fetch(`${pending.url}/login`, {
      method: 'POST',
      headers: {
        cookie: pending.cookie,
        'content-type': 'application/json',
        'x-csrf-token': pending.csrfToken,
      },
      body: JSON.stringify({
        identifier: tenant.emails[i % tenant.emails.length],
        password: tenant.password,
      }),
    });
    const body = (await res.json().catch(() => ({}))) as { redirectTo?: unknown };
    if (res.status !== 200 || typeof body.redirectTo !== 'string') {
      throw new UnexpectedStatus(res.status, `login: ${res.status} ${JSON.stringify(body).slice(0, 150)}`);
    }
  };
}
