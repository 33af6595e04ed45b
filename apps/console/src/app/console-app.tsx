import { StatusPage } from '../features/status/status-page';
import { AppShell } from './app-shell';

export function ConsoleApp() {
  return (
    <AppShell currentHref={import.meta.env.BASE_URL}>
      <StatusPage />
    </AppShell>
  );
}
