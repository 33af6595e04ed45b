import type { TIconName } from '../components/icon';

export interface TNavItem {
  label: string;
  icon: TIconName;
  /** Absent while the feature is not built: the item is shown as coming soon, not as a dead link. */
  href?: string;
}

export interface TNavGroup {
  label: string;
  items: TNavItem[];
}

// Links are relative to the app's base (`/console/`), so the same list works in `pnpm dev`.
const base = import.meta.env.BASE_URL;

export const navGroups: TNavGroup[] = [
  {
    label: 'Monitor',
    items: [{ label: 'System status', icon: 'activity', href: base }],
  },
  {
    label: 'Manage',
    items: [
      { label: 'Tenants', icon: 'building' },
      { label: 'Users', icon: 'users' },
      { label: 'Applications', icon: 'apps' },
      { label: 'Settings', icon: 'settings' },
    ],
  },
];
