import type { TMessages } from '../i18n/en';
import type { TFieldProblem } from '../interaction/interaction-failure';

type TText = TMessages['signUp'];

/** zxcvbn's warnings (docs/passwords.md), grouped by what the user should hear about. */
const WARNING_GROUPS: Record<string, keyof TText> = {
  'warnings.userInputs': 'passwordWeakPersonal',
  'warnings.topTen': 'passwordWeakCommon',
  'warnings.topHundred': 'passwordWeakCommon',
  'warnings.common': 'passwordWeakCommon',
  'warnings.similarToCommon': 'passwordWeakCommon',
  'warnings.pwned': 'passwordWeakCommon',
  'warnings.straightRow': 'passwordWeakPattern',
  'warnings.keyPattern': 'passwordWeakPattern',
  'warnings.simpleRepeat': 'passwordWeakPattern',
  'warnings.extendedRepeat': 'passwordWeakPattern',
  'warnings.sequences': 'passwordWeakPattern',
  'warnings.recentYears': 'passwordWeakDate',
  'warnings.dates': 'passwordWeakDate',
  'warnings.wordByItself': 'passwordWeakWord',
  'warnings.namesByThemselves': 'passwordWeakWord',
  'warnings.commonNames': 'passwordWeakWord',
};

/**
 * The API's verdict on a new password in the page's words: too short, too easy to guess (with
 * the reason zxcvbn gave, when we have words for it) or used recently. The strength itself is
 * judged by the API only: zxcvbn's dictionaries are far too big for this page.
 */
export function passwordProblemText(problem: TFieldProblem | undefined, minLength: number, t: TText): string {
  if (problem?.code === 'password_reused') return t.passwordReused;
  if (problem?.code === 'password_too_weak') {
    const warning = problem.hints?.find((hint) => hint.startsWith('warnings.'));
    const group = warning ? WARNING_GROUPS[warning] : undefined;
    return group ? (t[group] as string) : t.passwordTooWeak;
  }
  return t.passwordTooShort(minLength);
}
