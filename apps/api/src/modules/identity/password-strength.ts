import type { Score, ZxcvbnFactory } from '@zxcvbn-ts/core';

/**
 * Characters of a password zxcvbn looks at. Its matching cost grows steeply with length (a
 * 256-character input took seconds), while what follows the first 64 characters only adds
 * strength: the score of the prefix is a lower bound. Measured in docs/passwords.md.
 */
export const STRENGTH_CHECKED_LENGTH = 64;
/**
 * l33t substitutions zxcvbn tries per password. Its default (100) costs ten times more on
 * digit-heavy input (digits are l33t for letters) and scored no real password differently.
 */
const L33T_MAX_SUBSTITUTIONS = 8;
/** Shorter facts about the user (initials, "de") would match inside any password and mean little. */
const MIN_FACT_LENGTH = 3;

export interface PasswordStrength {
  /** zxcvbn's 0 (guessed at once) to 4 (very unlikely to be guessed). */
  score: Score;
  /**
   * zxcvbn's feedback as the keys of its translation tables (`warnings.commonNames`,
   * `suggestions.anotherWord`), so a UI can word them in its own language; the warning first.
   */
  hints: string[];
  /** The same feedback in English, for developers (problem details, logs). */
  english: string;
}

interface Estimator {
  zxcvbn: ZxcvbnFactory;
  english: { warnings: Record<string, string>; suggestions: Record<string, string> };
}

let estimator: Promise<Estimator> | undefined;

/**
 * zxcvbn with its common-password and English dictionaries, loaded on first use (a few MB and a
 * quarter second to build) and then kept for the life of the process.
 */
function loadEstimator(): Promise<Estimator> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ]);
    // No translations: feedback comes back as keys, which we hand on and word ourselves.
    const zxcvbn = new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      maxLength: STRENGTH_CHECKED_LENGTH,
      l33tMaxSubstitutions: L33T_MAX_SUBSTITUTIONS,
    });
    return { zxcvbn, english: en.translations };
  })();
  // A failed load (it should not) is tried again by the next call rather than remembered.
  estimator.catch(() => {
    estimator = undefined;
  });
  return estimator;
}

/**
 * How guessable `password` is. `facts` are what an attacker targeting this user knows (their
 * email, names, username, the service's name): a password built from them counts as weak.
 */
export async function estimateStrength(
  password: string,
  facts: ReadonlyArray<string | null | undefined>,
): Promise<PasswordStrength> {
  const { zxcvbn, english } = await loadEstimator();
  const { score, feedback } = zxcvbn.check(password, userInputs(facts));
  const hints = [
    ...(feedback.warning ? [`warnings.${feedback.warning}`] : []),
    ...feedback.suggestions.map((key) => `suggestions.${key}`),
  ];
  const words = [
    feedback.warning ? english.warnings[feedback.warning] : undefined,
    ...feedback.suggestions.map((key) => english.suggestions[key]),
  ].filter((text): text is string => Boolean(text));
  return { score, hints, english: words.join(' ') };
}

/** Each fact, and its parts (an email's local part and domain labels, each word of a name), lowercased. */
export function userInputs(facts: ReadonlyArray<string | null | undefined>): string[] {
  const inputs = new Set<string>();
  for (const fact of facts) {
    if (!fact) continue;
    const lower = fact.trim().toLowerCase();
    for (const part of [lower, ...lower.split(/[\s@._+-]+/)]) {
      if (part.length >= MIN_FACT_LENGTH) inputs.add(part);
    }
  }
  return [...inputs];
}
