import { Logo } from '@latchkey/ui';
import { Icon } from '../components/icon';
import { navGroups, type TNavItem } from './nav-items';
import { ThemeSwitch } from './theme-switch';

/** The console's main navigation. One page exists today; the others are listed, honestly, as coming. */
export function Sidebar({ currentHref }: { currentHref: string }) {
  return (
    <aside className="sidebar">
      <div className="sidebar__brand">
        <Logo height={26} />
        <span className="sidebar__product">Console</span>
      </div>
      <nav className="sidebar__nav" aria-label="Main">
        {navGroups.map((group) => (
          <div key={group.label} className="nav-group">
            <p className="nav-group__label" id={`nav-${group.label}`}>
              {group.label}
            </p>
            <ul className="nav-group__items" aria-labelledby={`nav-${group.label}`}>
              {group.items.map((item) => (
                <li key={item.label}>
                  <NavEntry item={item} current={item.href === currentHref} />
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <div className="sidebar__footer">
        <ThemeSwitch />
      </div>
    </aside>
  );
}

function NavEntry({ item, current }: { item: TNavItem; current: boolean }) {
  if (!item.href) {
    // Not a link and not focusable: nothing to activate yet. The badge text says why.
    return (
      <span className="nav-link nav-link--soon">
        <Icon name={item.icon} />
        <span className="nav-link__label">{item.label}</span>
        <span className="nav-link__badge">Coming soon</span>
      </span>
    );
  }
  return (
    <a className="nav-link" href={item.href} aria-current={current ? 'page' : undefined}>
      <Icon name={item.icon} />
      <span className="nav-link__label">{item.label}</span>
    </a>
  );
}
