import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles.css';
import { App } from './App';
import { SessionProvider } from './auth/session';
import { syncClockWithServer } from './clock';

const container = document.getElementById('root');
if (!container) throw new Error('Missing #root element');

// The day shown must be the server's (a simulated clock in tests and demos): read it before the first render.
void syncClockWithServer().finally(() =>
  createRoot(container).render(
    <StrictMode>
      <SessionProvider>
        <App />
      </SessionProvider>
    </StrictMode>,
  ),
);
