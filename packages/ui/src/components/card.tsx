import type { HTMLAttributes, ReactNode } from 'react';
import { cx } from './class-names.js';

export interface CardProps extends HTMLAttributes<HTMLElement> {
  /** The element to render; `li` lets a list of cards stay a real list for screen readers. */
  as?: 'div' | 'section' | 'article' | 'li';
  padding?: 'md' | 'lg';
  children?: ReactNode;
}

export function Card({ as: Element = 'div', padding = 'md', className, children, ...rest }: CardProps) {
  return (
    <Element {...rest} className={cx('lk-card', `lk-card--pad-${padding}`, className)}>
      {children}
    </Element>
  );
}
