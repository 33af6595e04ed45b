/**
 * The few line icons the console uses, drawn inline (no icon font, no request). Always decorative:
 * the text next to an icon carries the meaning.
 */
const paths = {
  activity: 'M2 8h3l2-5 2 10 2-5h3',
  building:
    'M3 14V3.5a1 1 0 0 1 1-1h5a1 1 0 0 1 1 1V14M10 6.5h2a1 1 0 0 1 1 1V14M1.5 14h13M5.5 5h2M5.5 8h2M5.5 11h2',
  users:
    'M6 7.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5ZM1.5 13.5c0-2.2 2-4 4.5-4s4.5 1.8 4.5 4M11 2.7a2.5 2.5 0 0 1 0 4.6M12.5 9.8c1.2.6 2 1.9 2 3.7',
  apps: 'M2.5 2.5h4v4h-4zM9.5 2.5h4v4h-4zM2.5 9.5h4v4h-4zM9.5 9.5h4v4h-4z',
  settings: 'M2 4h7M12 4h2M2 12h2M7 12h7M9 2.5v3M4 10.5v3M2 8h4M9 8h5M6 6.5v3',
  refresh: 'M13.5 8a5.5 5.5 0 1 1-1.6-3.9M13.5 2.5v3h-3',
  check: 'M3.5 8.5l3 3 6-7',
  cross: 'M4.5 4.5l7 7M11.5 4.5l-7 7',
} as const;

export type TIconName = keyof typeof paths;

export function Icon({ name, size = 16 }: { name: TIconName; size?: number }) {
  return (
    <svg
      className="icon"
      viewBox="0 0 16 16"
      width={size}
      height={size}
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={paths[name]} />
    </svg>
  );
}
