import { startBareProvider } from '../lib/bare-oidc.js';
import { basicAuth } from '../lib/oidc-sign-in.js';
import { type OidcTenant, prepareOidcTenant } from '../lib/oidc-tenant.js';
import { ProcessCpu } from '../lib/process-cpu.js';
import type { Measurement, Scenario, ScenarioContext } from '../lib/scenario.js';
import { LatencyRecorder } from '../lib/stats.js';
import { checkShare, checkThroughput } from '../lib/targets.js';

/** F3 acceptance 5: client_credentials grants per second on one core, for Latchkey. */
const TARGET_CC_PER_CORE = 1_500;
/** …and Latchkey's throughput as a share of the bare library's, for both grants. */
const TARGET_SHARE = 0.7;

type Grant = 'client_credentials' | 'refresh';
type Side = 'latchkey' | 'bare';

/** Where one side's token endpoint is and what its clients present. */
interface Endpoint {
  tokenUrl: string;
  /** The server process, for its CPU time. */
  pid: number;
  tenant: Pick<OidcTenant, 'resource' | 'm2m' | 'web' | 'permissions'>;
  refreshToken: string;
}

/**
 * F3 acceptance 5: the token endpoint's two machine-speed grants, Latchkey against oidc-provider on
 * its own, measured in the same run in alternating slices, each server on the same pinned CPU.
 * Latchkey runs as deployed (built, Redis for short-lived artifacts, PostgreSQL for the rest); the
 * bare provider (bench/lib/bare-oidc-provider.mjs) has the same token-endpoint configuration and
 * holds everything in memory. Both issue the same tokens: for client_credentials an RFC 9068 JWT
 * for the API resource (ES256); for refresh_token an opaque access token and an ES256 ID token.
 * Refresh token rotation is off on both sides, so one refresh token serves every request.
 */
export default {
  name: 'oidc-grants',
  description: 'POST …/oauth2/token: client_credentials and refresh_token, Latchkey vs bare oidc-provider',
  target: `≥ ${TARGET_CC_PER_CORE.toLocaleString('en-US')} client_credentials grants/s/core, Latchkey ≥ ${TARGET_SHARE * 100} % of bare`,
  async run(ctx) {
    const api = await ctx.startApi({ redis: true });
    const tenant = await prepareOidcTenant(api);
    ctx.log(`tenant ready: ${tenant.issuer}, refresh token from one sign-in`);
    // The same client ids and secrets on both sides: identical requests, byte for byte in length.
    const bare = await startBareProvider(
      {
        m2m: tenant.m2m,
        web: tenant.web,
        resource: tenant.resource,
        permissions: tenant.permissions,
        accountId: tenant.user.id,
        email: tenant.user.email,
      },
      ctx.pinning,
    );
    let bareErrors: Promise<string> | undefined;
    const stopBare = () => {
      bareErrors ??= bare.stop();
      return bareErrors;
    };
    ctx.defer(async () => void (await stopBare()));
    const pinned = bare.pinnedTo === undefined ? '' : `, pinned to CPU ${bare.pinnedTo}`;
    ctx.log(`bare oidc-provider pid ${bare.pid} on ${bare.issuer}${pinned}`);

    const endpoints: Record<Side, Endpoint> = {
      latchkey: { tokenUrl: tenant.tokenUrl, pid: api.pid, tenant, refreshToken: tenant.refreshToken },
      bare: {
        tokenUrl: `${bare.issuer}/oauth2/token`,
        pid: bare.pid,
        tenant,
        refreshToken: bare.refreshToken,
      },
    };
    const shapes: Record<string, string> = {};
    for (const grant of GRANTS) {
      for (const side of SIDES) shapes[`${side} ${grant}`] = await probe(endpoints[side], grant);
    }

    const rows: Measurement[] = [];
    for (const grant of GRANTS) {
      const { latchkey, bare: baseline } = await measureInTurns(ctx, endpoints, grant);
      const floor =
        grant === 'client_credentials' ? checkThroughput(ctx, latchkey, TARGET_CC_PER_CORE) : latchkey;
      const checked = checkShare(ctx, floor, baseline, TARGET_SHARE);
      const [ours, theirs] = [shapes[`latchkey ${grant}`], shapes[`bare ${grant}`]];
      if (ours !== theirs) checked.notes.push(`the answers differ: Latchkey ${ours}, bare ${theirs}`);
      checked.notes.push(...NOTES[`latchkey ${grant}`]);
      rows.push(checked, { ...baseline, notes: [...baseline.notes, ...NOTES[`bare ${grant}`]] });
    }

    const errors = await stopBare();
    if (errors) {
      for (const row of rows.filter((r) => r.label.includes('/ bare '))) {
        row.notes.push(`the bare provider wrote on stderr: ${errors.slice(0, 300)}`);
      }
    }
    return rows;
  },
} satisfies Scenario;

const GRANTS: readonly Grant[] = ['client_credentials', 'refresh'];
const SIDES: readonly Side[] = ['latchkey', 'bare'];

/** What each row's server does per grant, for a reader of the numbers: the differences, mostly. */
const NOTES: Record<`${Side} ${Grant}`, string[]> = {
  'latchkey client_credentials': [
    'per grant: the tenant, its provider, the client and the API resource from caches dropped on ' +
      'change (no database); served ahead of Express by the OIDC fast path, with its access line',
  ],
  'bare client_credentials': [
    'oidc-provider alone (provider.listen, no framework) on the same CPU, with the token-endpoint ' +
      'configuration of a Latchkey tenant; clients and the resource from constants',
  ],
  'latchkey refresh': [
    'refresh token rotation off on both sides (Latchkey: the application’s rotateRefreshTokens false; ' +
      'bare: rotateRefreshToken false), so one refresh token serves every request; it comes from a ' +
      'real code + PKCE sign-in with openid offline_access',
    'per grant: the refresh token with its grant and its active user (one PostgreSQL statement under ' +
      'row-level security, shared by the refreshes that start in the same event-loop turn, each looked ' +
      'up and parsed on its own: ADR 0022), the new access token to Redis',
  ],
  'bare refresh': [
    'refresh token minted at start through the provider’s Grant and RefreshToken models; grant, tokens ' +
      'and user in memory (the stock in-memory adapter, its per-grant index made O(1) as Latchkey’s ' +
      'Redis set is: the stock one slows with every token issued under the grant)',
  ],
};

function request(endpoint: Endpoint, grant: Grant) {
  const { m2m, web, resource, permissions } = endpoint.tenant;
  const [client, body] =
    grant === 'client_credentials'
      ? [m2m, { grant_type: 'client_credentials', resource, scope: permissions.join(' ') }]
      : [web, { grant_type: 'refresh_token', refresh_token: endpoint.refreshToken }];
  return {
    headers: {
      authorization: basicAuth(client.clientId, client.clientSecret),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(body).toString(),
  };
}

/**
 * One request before the load: it must succeed, and the answer's shape (fields, token types) is
 * kept so a difference between the two sides is reported instead of silently measured.
 */
async function probe(endpoint: Endpoint, grant: Grant): Promise<string> {
  const { headers, body } = request(endpoint, grant);
  const res = await fetch(endpoint.tokenUrl, { method: 'POST', headers, body });
  const answer = (await res.json()) as Record<string, unknown>;
  if (res.status !== 200)
    throw new Error(`${grant} at ${endpoint.tokenUrl}: ${res.status} ${JSON.stringify(answer)}`);
  const typ = (token: unknown) => {
    if (typeof token !== 'string') return undefined;
    const [header, , signature] = token.split('.');
    if (!header || !signature) return 'opaque';
    const { alg, typ } = JSON.parse(Buffer.from(header, 'base64url').toString()) as Record<string, string>;
    return `${typ ?? 'JWT'}/${alg}`;
  };
  const fields = Object.keys(answer).sort().join(',');
  return `{${fields}} access_token ${typ(answer.access_token)}, id_token ${typ(answer.id_token) ?? 'none'}`;
}

/** Slices per side: the two servers take turns, so a drift of the machine hits both alike. */
const TURNS = 10;

/**
 * Measures both sides of one grant in alternating slices (Latchkey, bare, bare, Latchkey, …), each
 * side warmed up once first, and adds each side's slices up: on a virtual machine whose speed
 * drifts by tens of percent over a minute, back-to-back blocks compared two different machines.
 */
async function measureInTurns(
  ctx: ScenarioContext,
  endpoints: Record<Side, Endpoint>,
  grant: Grant,
): Promise<Record<Side, Measurement>> {
  const slice = Math.max(1, ctx.settings.durationSeconds / TURNS);
  const totals = Object.fromEntries(
    SIDES.map((side) => [
      side,
      { recorder: new LatencyRecorder(), seconds: 0, cpuSeconds: 0, runs: [] as Measurement[] },
    ]),
  ) as Record<Side, { recorder: LatencyRecorder; seconds: number; cpuSeconds: number; runs: Measurement[] }>;
  const run = (side: Side, seconds: number, warmup: number, recorder: LatencyRecorder) =>
    ctx.load({
      label: `oidc-grants / ${side} ${grant}`,
      url: endpoints[side].tokenUrl,
      method: 'POST',
      ...request(endpoints[side], grant),
      expectStatus: 200,
      durationSeconds: seconds,
      warmupSeconds: warmup,
      recorder,
    });
  const warmUps = {} as Record<Side, string>;
  for (const side of SIDES)
    warmUps[side] = await warmUp(ctx, (seconds) => run(side, seconds, 0, new LatencyRecorder()));
  for (let turn = 0; turn < TURNS; turn++) {
    for (const side of turn % 2 === 0 ? SIDES : [...SIDES].reverse()) {
      const total = totals[side];
      const cpu = ProcessCpu.of(endpoints[side].pid);
      const started = performance.now();
      const { result, coreShare } = cpu
        ? await cpu.during(() => run(side, slice, 0, total.recorder))
        : { result: await run(side, slice, 0, total.recorder), coreShare: undefined };
      const seconds = result.throughput > 0 ? result.completed / result.throughput : slice;
      total.seconds += seconds;
      if (coreShare !== undefined) total.cpuSeconds += coreShare * ((performance.now() - started) / 1000);
      total.runs.push(result);
    }
  }
  return Object.fromEntries(
    SIDES.map((side) => {
      const row = combine(totals[side], ProcessCpu.of(endpoints[side].pid) !== undefined);
      if (warmUps[side]) row.notes.push(warmUps[side]);
      return [side, row];
    }),
  ) as Record<Side, Measurement>;
}

/**
 * Seconds of load each side gets before its first measured slice, at least. V8 was still compiling
 * Latchkey's refresh path for ~7 s of load (a tenth of the API's CPU went to its optimizing compiler
 * in the first slices, the slices climbed by half), the bare library's for ~3 s: with the default
 * 2 s warm-up the comparison measured the first seconds after a deploy, not a server's steady state.
 */
const JIT_WARMUP_SECONDS = 10;
/** The warm-up runs in chunks of this length, each one's throughput noted: the ramp is visible. */
const WARMUP_CHUNK_SECONDS = 2;

/** Warms one side up to steady state; `--warmup 0` skips it (quick runs). Returns the row's note. */
async function warmUp(
  ctx: ScenarioContext,
  load: (seconds: number) => Promise<Measurement>,
): Promise<string> {
  if (ctx.settings.warmupSeconds <= 0) return '';
  const total = Math.max(ctx.settings.warmupSeconds, JIT_WARMUP_SECONDS);
  const chunks: string[] = [];
  for (let done = 0; done < total; done += WARMUP_CHUNK_SECONDS) {
    const result = await load(Math.min(WARMUP_CHUNK_SECONDS, total - done));
    chunks.push(Math.round(result.throughput).toLocaleString('en-US'));
  }
  return `warmed up for ${total} s first (a fixed time: V8 took ~7 s of load to finish compiling the refresh path), in ${WARMUP_CHUNK_SECONDS}-second chunks: ${chunks.join(', ')} grants/s`;
}

function combine(
  total: { recorder: LatencyRecorder; seconds: number; cpuSeconds: number; runs: Measurement[] },
  cpuKnown: boolean,
): Measurement {
  const last = total.runs[total.runs.length - 1] as Measurement;
  const completed = total.runs.reduce((sum, r) => sum + r.completed, 0);
  const m: Measurement = {
    ...last,
    unit: 'grants/s',
    throughput: completed / total.seconds,
    latencyMs: total.recorder.summary(),
    completed,
    non2xx: total.runs.reduce((sum, r) => sum + r.non2xx, 0),
    errors: total.runs.reduce((sum, r) => sum + r.errors, 0),
    notes: [...new Set(total.runs.flatMap((r) => r.notes))],
  };
  const slices = total.runs.map((r) => Math.round(r.throughput).toLocaleString('en-US')).join(', ');
  m.notes.push(`${total.runs.length} slices, taking turns with the other side: ${slices} grants/s`);
  if (cpuKnown && completed > 0) {
    const perGrant = (total.cpuSeconds / completed) * 1000;
    const share = total.cpuSeconds / total.seconds;
    m.notes.push(
      `server CPU ≈ ${perGrant.toFixed(2)} ms per grant; the process kept ${Math.round(share * 100)} % of a core busy`,
    );
  }
  return m;
}
