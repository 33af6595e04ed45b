import '@latchkey/ui/theme.css';
import './app/console.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConsoleApp } from './app/console-app';
import { applyThemePreference, readThemePreference } from './lib/theme-preference';

// Before the first render, so a dark-theme choice never flashes light.
applyThemePreference(readThemePreference());
document.title = 'System status · Latchkey Console';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');

createRoot(root).render(
  <StrictMode>
    <ConsoleApp />
  </StrictMode>,
);
