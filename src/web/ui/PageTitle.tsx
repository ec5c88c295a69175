import { useEffect, useRef, type ReactNode } from 'react';

/** The page's h1. It takes focus when the page opens so screen readers announce the new page. */
export function PageTitle({ children, title, actions }: { children: ReactNode; title: string; actions?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — Pivot`;
  }, [title]);
  useEffect(() => {
    // Only move focus after in-app navigation, not on the first page load.
    if (document.activeElement && document.activeElement !== document.body) ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div className="page-header">
      <h1 ref={ref} tabIndex={-1}>
        {children}
      </h1>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}
