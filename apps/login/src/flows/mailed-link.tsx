import { type ReactElement, useEffect, useRef, useState } from 'react';
import { type TInteractionFailure, toFailure } from '../interaction/interaction-failure';
import { InteractionErrorPage } from './interaction-error-page';
import { LoadingPage } from './loading-page';
import { StepCard } from './step-card';

/** What a page says when its link does not work, for one kind of problem. */
export interface TLinkPage {
  heading: string;
  body: string;
}

/** A page opened from a mailed link: checked first, then its form, then done. */
export type TMailedLinkState<TCheck, TProblem extends string> =
  | { status: 'checking' }
  | { status: 'ready'; check: TCheck }
  | { status: 'link'; problem: TProblem }
  | { status: 'failed'; failure: TInteractionFailure }
  | { status: 'done' };

interface MailedLinkOptions<TCheck, TProblem extends string> {
  token: string | null;
  client: { check(token: string): Promise<TCheck> };
  /** The link problems this page explains itself; any other failure gets the generic error page. */
  pages: Record<TProblem, TLinkPage>;
  /** The problem of a page opened without a token. */
  missing: TProblem;
  /** Called when the link turns out not to work (e.g. to drop the token the page remembered). */
  onLinkProblem?: () => void;
}

/**
 * The state of a page a mailed link opens (password reset, email verification): the link is
 * checked before anything is typed, so a spent or expired one says so at once. `toState` turns a
 * later failure (of the page's own action) into the same states.
 */
export function useMailedLink<TCheck, TProblem extends string>(options: MailedLinkOptions<TCheck, TProblem>) {
  const { token, client, missing } = options;
  const [state, setState] = useState<TMailedLinkState<TCheck, TProblem>>(() =>
    token ? { status: 'checking' } : { status: 'link', problem: missing },
  );
  const toState = (failure: TInteractionFailure): TMailedLinkState<TCheck, TProblem> => {
    if (!(failure.kind in options.pages)) return { status: 'failed', failure };
    options.onLinkProblem?.();
    return { status: 'link', problem: failure.kind as TProblem };
  };
  // The check's answer uses the latest render's toState, without checking the link again.
  const toStateRef = useRef(toState);
  toStateRef.current = toState;

  useEffect(() => {
    if (!token) return;
    client.check(token).then(
      (check) => setState({ status: 'ready', check }),
      (e: unknown) => setState(toStateRef.current(toFailure(e))),
    );
  }, [client, token]);

  return { state, setState, toState };
}

/**
 * Everything such a page shows but its form: the check in progress, the link's problem, another
 * failure, and the end. `null` while the form is due.
 */
export function MailedLinkOutcome<TCheck, TProblem extends string>({
  state,
  pages,
  done,
}: {
  state: TMailedLinkState<TCheck, TProblem>;
  pages: Record<TProblem, TLinkPage>;
  done: TLinkPage;
}): ReactElement | null {
  switch (state.status) {
    case 'checking':
      return <LoadingPage />;
    case 'failed':
      return <InteractionErrorPage reason={state.failure.kind} focusHeading />;
    case 'link':
      return (
        <StepCard heading={pages[state.problem].heading} lead={pages[state.problem].body} focusHeading />
      );
    case 'done':
      return <StepCard heading={done.heading} lead={done.body} focusHeading />;
    default:
      return null;
  }
}
