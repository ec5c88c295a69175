import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import { SkipLink } from '../shell/SkipLink';

/** Layout of the pages shown before login: a centred card. */
export function PublicLayout({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="public-layout">
      <SkipLink />
      <header className="public-header">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true">P</span>
          <span>Pivot</span>
        </span>
        <div className="public-header-actions">
          {actions}
          <LanguageSwitch />
        </div>
      </header>
      <main id="main-content" tabIndex={-1} className="public-main">
        <div className="card public-card">{children}</div>
        <p className="public-footer">{t('app.tagline')}</p>
      </main>
    </div>
  );
}
