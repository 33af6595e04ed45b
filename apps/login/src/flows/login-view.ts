import { useCallback, useEffect, useState } from 'react';

/**
 * Which page of the login step the URL asks for: `sign-up` (`…/login/sign-up`), `sign-in`
 * (`…/login/sign-in`), `forgot-password`, `email-code` (ask for a sign-in code), or the default
 * (`…/login/`): the code step while a sign-up or a passwordless sign-in waits for its code, else
 * sign-in. The uid stays in the query, so each page can be reloaded or shared with the
 * same tab's back button.
 */
export type TLoginView = 'default' | 'sign-in' | 'sign-up' | 'forgot-password' | 'email-code';

const VIEWS: readonly string[] = ['sign-in', 'sign-up', 'forgot-password', 'email-code'];

const LOGIN_ROOT = /^(.*\/login)(?:\/([^/]*))?\/?$/;

/** The reset page a mailed link opens (`…/login/reset?token=…`): no pending sign-in behind it. */
export const isResetPage = (pathname: string): boolean => LOGIN_ROOT.exec(pathname)?.[2] === 'reset';

/** The page a sign-up mail's link opens (`…/login/verify-email?token=…`): no pending sign-in either. */
export const isVerifyLinkPage = (pathname: string): boolean =>
  LOGIN_ROOT.exec(pathname)?.[2] === 'verify-email';

export function viewOf(pathname: string): TLoginView {
  const segment = LOGIN_ROOT.exec(pathname)?.[2];
  return segment !== undefined && VIEWS.includes(segment) ? (segment as TLoginView) : 'default';
}

/** The path of `view` next to the current one (same tenant base, same login root). */
export function viewPath(pathname: string, view: TLoginView): string {
  const root = LOGIN_ROOT.exec(pathname)?.[1] ?? '/login';
  return `${root}/${view === 'default' ? '' : view}`;
}

/** The address of `view` with this page's query (the uid). */
export const viewHref = (view: TLoginView): string =>
  `${viewPath(window.location.pathname, view)}${window.location.search}`;

/**
 * The view, kept in step with the address bar: `go` pushes (or replaces) a history entry, the back
 * and forward buttons come back through `popstate`. `moved` tells a page it replaced another one in
 * place, so it can take focus (see StepCard).
 */
export function useLoginView() {
  const [state, setState] = useState(() => ({ view: viewOf(window.location.pathname), moved: false }));
  useEffect(() => {
    const onPop = () => setState({ view: viewOf(window.location.pathname), moved: true });
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const go = useCallback((view: TLoginView, replace = false) => {
    const href = viewHref(view);
    if (replace) window.history.replaceState(null, '', href);
    else window.history.pushState(null, '', href);
    setState({ view, moved: true });
  }, []);
  return { ...state, go };
}
