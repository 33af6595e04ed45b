import { hash, hashSync, parseOptions, verify, verifySync } from '@node-rs/argon2';
import { HashSlots, type HashThreadSetting, resolveHashThread } from './hash-slots.js';

/** `Algorithm.Argon2id` of @node-rs/argon2 (a const enum, which isolated modules cannot import). */
const ARGON2ID = 2;
/** `Version.V0x13` (argon2 1.3, `v=19` in a PHC string): the only version we write. */
const VERSION_19 = 1;
/** The package's defaults, written out so a change of them upstream shows up as a rehash, not silently. */
const OUTPUT_LENGTH = 32;
const SALT_LENGTH = 16;

/** The tunable costs of argon2id (LATCHKEY_ARGON2_MEMORY_KIB / _TIME_COST / _PARALLELISM). */
export interface Argon2Parameters {
  /** KiB of memory per hash. */
  memoryCost: number;
  /** Passes over that memory. */
  timeCost: number;
  /** Lanes (threads) per hash. */
  parallelism: number;
}

/** OWASP's argon2id baseline (m = 19 MiB, t = 2, p = 1): the default of every deployment. */
export const OWASP_ARGON2ID: Readonly<Argon2Parameters> = Object.freeze({
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
});

/**
 * The deployment's parameters. Process-wide on purpose: every hash (and the sign-in's decoy hash,
 * whose cost must match real accounts') has to use the same ones, so they are set once at start by
 * `createRuntime`, before anything is hashed, rather than handed to each caller (docs/adr/0016).
 */
let current: Readonly<Argon2Parameters> = OWASP_ARGON2ID;
let slots = new HashSlots();

export function useArgon2Parameters(parameters: Argon2Parameters): void {
  current = Object.freeze({ ...parameters });
  rehashByShape.clear();
}

/** Where hashes run (LATCHKEY_ARGON2_THREAD); set once at start, like the parameters. */
export function useArgon2Thread(setting: HashThreadSetting): void {
  slots = new HashSlots(slots.size, resolveHashThread(setting, slots.size));
}

export function argon2Thread(): HashSlots['thread'] {
  return slots.thread;
}

export function argon2Parameters(): Readonly<Argon2Parameters> {
  return current;
}

/** A PHC string (`$argon2id$v=19$m=…`): the parameters travel with the hash, so they can change. */
export function hashPassword(password: string): Promise<string> {
  const options = { algorithm: ARGON2ID, ...current };
  return slots.run({ pooled: () => hash(password, options), inline: () => hashSync(password, options) });
}

export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await slots.run({ pooled: () => verify(phc, password), inline: () => verifySync(phc, password) });
  } catch {
    return false; // a malformed stored hash never authenticates anyone
  }
}

/**
 * Whether a stored hash was made with other parameters (or another algorithm or version) than the
 * deployment's now: after it verified, it should be replaced by a fresh hash of the same password.
 * A malformed hash never verifies, so there is nothing to replace it with: false.
 */
export function needsRehash(phc: string): boolean {
  // Every sign-in asks; the answer depends only on the hash's shape, shared by nearly all users.
  const shape = shapeOf(phc);
  const known = rehashByShape.get(shape);
  if (known !== undefined) return known;
  const answer = outdated(phc);
  if (rehashByShape.size >= MAX_SHAPES) rehashByShape.clear();
  rehashByShape.set(shape, answer);
  return answer;
}

/** needsRehash's answers by shape, for the current parameters (cleared when they change). */
const rehashByShape = new Map<string, boolean>();
const MAX_SHAPES = 64;

/**
 * What needsRehash's answer depends on: everything up to the salt (algorithm, version, parameters,
 * verbatim) and the lengths of the salt and the hash, not their values.
 */
function shapeOf(phc: string): string {
  const hashStart = phc.lastIndexOf('$');
  const saltStart = phc.lastIndexOf('$', hashStart - 1);
  return `${phc.slice(0, saltStart)}|${hashStart - saltStart}|${phc.length - hashStart}`;
}

function outdated(phc: string): boolean {
  let stored: ReturnType<typeof parseOptions>;
  try {
    stored = parseOptions(phc);
  } catch {
    return false;
  }
  return (
    stored.algorithm !== ARGON2ID ||
    stored.version !== VERSION_19 ||
    stored.memoryCost !== current.memoryCost ||
    stored.timeCost !== current.timeCost ||
    stored.parallelism !== current.parallelism ||
    stored.outputLen !== OUTPUT_LENGTH ||
    stored.saltLen < SALT_LENGTH
  );
}
