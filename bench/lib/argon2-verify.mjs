/**
 * The baseline of the password-sign-in scenario: @node-rs/argon2's `verify` on its own, in a
 * process of its own (pinned by the caller to the API's CPU), with as many verifications
 * outstanding as the API gets concurrent logins. As in the API, at most one verification per CPU
 * the process may use runs at once, where the API would run it (HashSlots, imported from the API's
 * build: on libuv's pool, or on the event loop's thread when the process has one CPU).
 *
 * Plain JavaScript run by plain node, like the built API; @node-rs/argon2 is the copy installed for
 * apps/api, so both sides run the same native code.
 *
 * Input: one JSON argument `{ hash, password, concurrency, warmupSeconds, durationSeconds }`.
 * Output: one JSON line on stdout, `{ completed, failed, seconds, cpuSeconds, thread, latenciesMs }`, for the
 * measured phase only (a verification counts when it ends inside it, as in bench/lib/closed-loop.ts).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const API_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../apps/api');
const fromApi = createRequire(path.join(API_DIR, 'package.json'));
const { verify, verifySync } = await import(pathToFileURL(fromApi.resolve('@node-rs/argon2')).href);
// The API's own limit on hashes in flight (one per CPU the process may run on), from its build.
const { HashSlots, resolveHashThread } = await import(
  pathToFileURL(path.join(API_DIR, 'dist/platform/crypto/hash-slots.js')).href
);
// LATCHKEY_ARGON2_THREAD as the API reads it (unset: auto).
const slots = new HashSlots(undefined, resolveHashThread(process.env.LATCHKEY_ARGON2_THREAD ?? 'auto'));

const input = JSON.parse(process.argv[2] ?? '{}');

const started = performance.now();
const measureFrom = started + input.warmupSeconds * 1000;
const measureTo = measureFrom + input.durationSeconds * 1000;
const latenciesMs = [];
let failed = 0;
let cpuAtStart;
let cpuAtEnd;
// process.cpuUsage() is getrusage(RUSAGE_SELF): every thread, the threadpool's included.
const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
setTimeout(() => {
  cpuAtStart = cpuSeconds();
}, measureFrom - started);
setTimeout(() => {
  cpuAtEnd = cpuSeconds();
}, measureTo - started);

async function loop() {
  while (performance.now() < measureTo) {
    const begin = performance.now();
    const ok = await slots
      .run({
        pooled: () => verify(input.hash, input.password),
        inline: () => verifySync(input.hash, input.password),
      })
      .catch(() => false);
    const end = performance.now();
    if (end < measureFrom || end > measureTo) continue;
    if (ok) latenciesMs.push(Math.round((end - begin) * 100) / 100);
    else failed++;
  }
}

await Promise.all(Array.from({ length: input.concurrency }, loop));
process.stdout.write(
  `${JSON.stringify({
    completed: latenciesMs.length,
    failed,
    seconds: input.durationSeconds,
    cpuSeconds: cpuAtEnd - cpuAtStart,
    thread: slots.thread,
    latenciesMs,
  })}\n`,
);
