import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { InboxNavBadge } from '../assistant/alerts/InboxNavBadge';
import { useMe } from '../auth/session';
import { TasksNavBadge } from '../tasks/TasksLiveProvider';
import { href } from '../router';
import { visiblePages, type PageDef } from './pages';

export function Sidebar({ current }: { current: PageDef | undefined }) {
  const { t } = useTranslation();
  const me = useMe();
  const pages = visiblePages(me);
  // On a phone the navigation folds behind one button: otherwise its twenty links push every screen below the fold.
  // The button is hidden by CSS on wider screens, where the list is always shown.
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [current?.id]);
  const sections: { id: PageDef['section']; titleKey?: string }[] = [
    { id: 'main' },
    { id: 'admin', titleKey: 'nav.adminSection' },
    { id: 'account', titleKey: 'nav.accountSection' },
  ];
  return (
    <nav className="sidebar" aria-label={t('nav.label')} data-open={open}>
      <button type="button" className="nav-toggle button" aria-expanded={open} aria-controls="nav-sections" onClick={() => setOpen((o) => !o)} data-testid="nav-toggle">
        <span aria-hidden="true">☰</span> {t('nav.menu')}{current ? <span className="nav-toggle-current"> — {t(current.labelKey)}</span> : null}
      </button>
      <div id="nav-sections" className="nav-sections">
      {sections.map((section) => {
        const items = pages.filter((page) => page.section === section.id);
        if (items.length === 0) return null;
        const headingId = `nav-section-${section.id}`;
        return (
          <div key={section.id} className="nav-section">
            {section.titleKey && (
              <h2 id={headingId} className="nav-heading">
                {t(section.titleKey)}
              </h2>
            )}
            <ul aria-labelledby={section.titleKey ? headingId : undefined}>
              {items.map((page) => (
                <li key={page.id}>
                  <a
                    href={href(page.path)}
                    className="nav-link"
                    aria-current={current?.id === page.id ? 'page' : undefined}
                    data-testid={`nav-${page.id}`}
                  >
                    {t(page.labelKey)}
                    {page.id === 'assistant' && <InboxNavBadge />}
                    {page.id === 'tasks' && <TasksNavBadge />}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
      </div>
    </nav>
  );
}
