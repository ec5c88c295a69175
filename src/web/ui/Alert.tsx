import type { ReactNode } from 'react';

type Tone = 'error' | 'success' | 'info' | 'warning';

/** Errors are announced immediately (role="alert"); other messages politely (role="status"). */
export function Alert({ tone, children, testId }: { tone: Tone; children: ReactNode; testId?: string }) {
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {children}
    </div>
  );
}

/** A live region that stays mounted, so messages placed in it are announced. */
export function LiveMessage({ message, tone = 'success' }: { message: string | null; tone?: Tone }) {
  return (
    <div role="status" aria-live="polite" className={message ? `alert alert-${tone}` : 'visually-hidden'}>
      {message}
    </div>
  );
}
