import type { MouseEvent, ReactNode } from 'react';
import { type TLoginView, viewHref } from './login-view';

export interface ViewLinkProps {
  to: TLoginView;
  go: (view: TLoginView) => void;
  children: ReactNode;
}

/**
 * A real link to another page of the login step (it can be opened in a new tab), followed in place
 * on a plain click so the pending sign-in is not loaded again.
 */
export function ViewLink({ to, go, children }: ViewLinkProps) {
  function onClick(event: MouseEvent<HTMLAnchorElement>) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    go(to);
  }
  return (
    <a href={viewHref(to)} onClick={onClick}>
      {children}
    </a>
  );
}
