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
  const sections: { id: PageDef['section']; titleKey?: string }[] = [
    { id: 'main' },
    { id: 'admin', titleKey: 'nav.adminSection' },
    { id: 'account', titleKey: 'nav.accountSection' },
  ];
  return (
    <nav className="sidebar" aria-label={t('nav.label')}>
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
    </nav>
  );
}
